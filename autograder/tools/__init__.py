"""The instructor's and student's tools around one grading (``autograder.grading``): ``build`` (Gradescope
zip and student kit, with ``public``'s answer format), ``validate`` (reference full marks, every test can
fail), ``mutations`` (known-wrong submissions as declared changes), ``regrade`` (a folder, in parallel,
supervised), ``keysheet``, ``demo`` and ``check`` (the student's local check). None of them runs student code
except through ``autograder.grading`` and ``autograder.sandbox``.
"""
