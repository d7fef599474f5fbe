"""Career and talent (issue #12): predikat history, angka kredit, promotion, the 9-box, talent pools
and succession, coaching, recognition and each person's career page."""
