"""One grading, in the order the data flows (trusted side: nothing here runs student code):

1. ``submission``  the upload (folder, .zip, .py, .ipynb) read into a Submission, within size limits;
   ``tomlread`` reads its answers.toml with shape limits.
2. ``answers``     the written answers: parsed into a whitelisted tree and compared with the oracle,
   never evaluated.  ``plugin`` runs the assignment's pytest suites, whose student code runs only
   through ``autograder.sandbox``.  Each verdict is an ``outcome.Outcome``.
3. ``grade``       puts 1 and 2 together into one GradingResult (``results``, the only writer of
   results.json).
4. ``gradescope``  Gradescope's entry point: locks the oracle, grades, always writes results.json.
"""
