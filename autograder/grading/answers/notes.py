"""The stable answer notes: one tag per feedback path, for statistics across submissions.

Common-mistake notes are ``wrong.<name>`` as declared per question (see ``mistakes.py``).
"""

CORRECT = "correct"  # the same expression as expected, or shown equal symbolically
CORRECT_EQUIVALENT = "correct.equivalent"  # equal at every sampled point of the domain
CORRECT_LENIENT_BOUNDARY = "correct.boundary_lenient"  # only the boundary's strictness differs, not graded

WRONG = "wrong.not_equivalent"
WRONG_BOUNDARY_NOT_STRICT = "wrong.boundary_not_strict"
WRONG_BOUNDARY_STRICT = "wrong.boundary_strict"
WRONG_SIGN = "wrong.sign"
WRONG_TRANSPOSED = "wrong.transposed"
WRONG_SHAPE = "wrong.shape"
WRONG_COUNT = "wrong.count"
WRONG_NOT_INTEGER = "wrong.not_integer"
WRONG_COUNT_OFF_BY_ONE = "wrong.count_off_by_one"  # ceil(E) - 1 or ceil(E) + 1 where the count ceil(E) is asked
WRONG_CHOICE = "wrong.choice"
WRONG_OUTSIDE_SET = "wrong.outside_set"
WRONG_RELATION = "wrong.relation"  # a relation the question does not state (T < E where T > E is asked)

SYNTAX = "invalid.syntax"
UNKNOWN_SYMBOL = "invalid.unknown_symbol"
TOO_LONG = "invalid.too_long"
TOO_DEEP = "invalid.too_deep"
TOO_LARGE = "invalid.too_large"
SHAPE = "invalid.shape"
EMPTY = "invalid.empty"
KIND = "invalid.kind"
CHOICE = "invalid.choice"

TIMEOUT = "unverified.timeout"
UNDECIDED = "unverified.undecided"
ERROR = "unverified.error"  # the checker itself failed on this answer

STAFF = "staff.free_text"
STAFF_REVIEW = "unverified.staff_review"  # a label the course does not give, argued with a reason: for the staff
