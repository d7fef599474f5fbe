"""The insight tables, one module per area; imported here so Django finds them."""
