"""Recognition and motivation (issue #12 item 8): apresiasi, innovations and award proposals."""
