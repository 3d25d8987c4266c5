"""Discussion 3: what is graded, and for how many points.

Q1 is HW2's Q1 (gradient descent on sigma w = y, then two such problems sharing eta): the same Question
objects from the question bank, so the same answers.toml keys, points and feedback. Q2 is the notebook
"ReLUs and Neural Network Intuition with different Optimizers" (course-facts section 6): one-hidden-layer
ReLU nets of widths 10, 20, 40 fitted to a piecewise-linear target with SGD, SGD with momentum 0.9 and
Adam, 30 seeds; students read the plots and answer with a label.

Q2's expected labels: the dots are medians and the bars were meant as the 25th-75th percentiles
(course-facts section 6: the course's helper computes them so, after its q = 0.25/0.75 bug is fixed);
the rest is what our reproduction (``experiment.py``, docs/disc3_errors.png, median over 30 seeds)
shows: the final test error falls with width for every optimizer; momentum and Adam end below SGD at
every width; Adam drops fastest; the median distance from an elbow to the nearest kink of the target
shrinks (in 8 of the 9 width/optimizer cells).

Which optimizer is most stable across seeds (``q2.most_stable``): the course's solution says "Adam is
consistently the most stable one" (and SGD the most variable), and that is what is graded: Adam is right. The
reproduction (docs/disc3_errors.png, and a rerun of the study)
supports that in part: at width 10, where the bands are widest, Adam's 25th-75th percentile band of the
final test MSE is the narrowest (about 0.008-0.12 against 0.01-0.2 for momentum and 0.03-0.2 for SGD);
at widths 20 and 40 momentum's and Adam's bands are a few thousandths wide (momentum's the narrower in
the figure, the two within 3% and 30% of each other in the rerun) and SGD's is the widest in absolute
terms (about 0.02 at width 20). Relative to its higher median, SGD's band is the narrowest at widths 10
and 40, which is why its bars look short on the figure's log axes. So momentum (the narrowest band at
widths 20 and 40 in the figure), both of them, or "no clear winner", argued with a reason from the student's
own figure, may be fair: such an answer is flagged for staff review (with what the reproduction shows), not
given the points; without a reason it is wrong. SGD is wrong. The discussion has no code to grade.
"""
from assignments.bank import gd_scalar
from autograder.grading.answers import Choice, yes_no
from autograder.assignment import Assignment, Question, Settings

OPTIMIZERS = {"sgd": ("plain sgd", "vanilla sgd"),
              "sgd_momentum": ("momentum", "sgd with momentum", "heavy ball"),
              "adam": ()}

STABILITY_OPTIONS = {**OPTIMIZERS,
                     "momentum_and_adam": ("adam and momentum", "momentum and adam", "adam and sgd_momentum",
                                           "sgd_momentum and adam", "both", "adam or momentum", "momentum or adam"),
                     "no_clear_winner": ("no clear winner", "no winner", "none", "it depends", "depends", "unclear")}
STABILITY_FIGURE = ("in the reproduction's figure (the 25th-75th percentile bars over 30 seeds of the final test "
                    "MSE), Adam's band is the narrowest at width 10 (about 0.008-0.12, against 0.01-0.2 for "
                    "momentum and 0.03-0.2 for SGD); at widths 20 and 40 the bands of momentum and Adam are a few "
                    "thousandths wide, momentum's the narrower, and SGD's is the widest (about 0.02 at width 20).")
COURSE_NAMES_ADAM = "the course names Adam (\"Adam is consistently the most stable one\"); "
# The plots' y axes are logarithmic (the course's answer: neither the mean nor the standard deviation makes sense here).
LOG_SCALE_MEAN = ("the errors are plotted on log axes and spread over orders of magnitude across the seeds: their mean is "
                  "set by the few worst seeds and sits above the bulk of them on a log axis, where the median does not.")
LOG_SCALE_STD = ("on log axes the mean plus or minus one standard deviation is lopsided, and its lower end can fall below "
                 "zero, which a log axis cannot draw; percentiles of the seeds show the spread on any scale.")
STABILITY_FEEDBACK = {
    "adam": "Adam is the course's reading; " + STABILITY_FIGURE,
    "sgd_momentum": COURSE_NAMES_ADAM + STABILITY_FIGURE,
    "momentum_and_adam": COURSE_NAMES_ADAM + STABILITY_FIGURE,
    "no_clear_winner": COURSE_NAMES_ADAM + STABILITY_FIGURE,
    "sgd": STABILITY_FIGURE + " SGD's bars look short on the log axes because they are narrow relative to its "
           "higher error, not in absolute terms; the course names SGD the most variable.",
}

Q2 = (
    Question("q2.width_effect", "effect of the hidden width on the final test error", 1, Choice("lower", {
        "lower": ("wider is lower", "wider nets reach lower test error", "decreases", "lower error", "goes down"),
        "higher": ("wider is higher", "increases", "higher error", "goes up"),
        "no_effect": ("none", "no effect", "no change", "unchanged", "same")})),
    Question("q2.beats_sgd", "which optimizers reach a lower test error than plain SGD", 1, Choice("both", {
        "both": ("momentum and adam", "adam and momentum", "sgd_momentum and adam", "adam and sgd_momentum",
                 "both momentum and adam"),
        "momentum_only": ("only momentum", "sgd_momentum only", "only sgd_momentum"),
        "adam_only": ("only adam",),
        "neither": ("none", "no optimizer")})),
    Question("q2.fastest", "which optimizer lowers the test error fastest", 1, Choice("adam", OPTIMIZERS)),
    Question("q2.most_stable", "which optimizer is most stable across seeds (the label; the reason is read by staff)",
             0.5, Choice("adam", STABILITY_OPTIONS, feedback=STABILITY_FEEDBACK, explained=True,
                         staff_review=("sgd_momentum", "momentum_and_adam", "no_clear_winner"))),
    Question("q2.elbows", "where the elbows (ReLU breakpoints) move during training", 1, Choice("kinks", {
        "kinks": ("to the kinks", "to the kinks of the target", "toward the kinks", "breakpoints",
                  "to the breakpoints of the target"),
        "stay": ("do not move", "don't move", "fixed", "stay where they are"),
        "data": ("to the data points", "to the training points"),
        "edges": ("to the ends of the interval", "to 0 and 1", "out of the interval")})),
    Question("q2.dots", "what the dots in the plots are", 0.5, Choice("median", {
        "median": ("medians", "the median over seeds"),
        "mean": ("means", "average", "the mean over seeds")})),
    Question("q2.error_bars", "what the error bars in the plots are", 0.5, Choice("p25_p75", {
        "p25_p75": ("25th to 75th percentiles", "25th-75th percentiles", "25th and 75th percentiles",
                    "interquartile range", "iqr", "quartiles"),
        "std": ("standard deviation", "one standard deviation", "mean plus or minus std"),
        "sem": ("standard error", "standard error of the mean"),
        "min_max": ("minimum to maximum", "min to max", "range")})),
    # Listed after the keys of earlier releases, so that their test numbers stay.
    Question("q2.plot_mean", "does it make sense to plot the mean here?", 0.5, yes_no(False, LOG_SCALE_MEAN)),
    Question("q2.plot_std", "does it make sense to plot the standard deviation here?", 0.5, yes_no(False, LOG_SCALE_STD)),
)

ASSIGNMENT = Assignment(
    name="disc3",
    title="Discussion 3: step sizes for gradient descent; ReLU networks under different optimizers",
    questions=(*gd_scalar.QUESTIONS, *Q2),
    staff_graded=("Q1(g) proof", "Q2 explanations (the reason after q2.most_stable's label)"),
    settings=Settings(call_seconds=20.0, student_seconds=240.0, cpu_seconds=60, call_cpu_seconds=10,
                      total_seconds=600.0, memory_bytes=4 * 1024**3),
    expected_files=("answers.toml",),
)
