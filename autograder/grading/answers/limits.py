"""Hard limits checked before any sympy work, so that a hostile answer costs little time and memory."""

MAX_CHARS = 2000  # characters in one answer string
MAX_TOKENS = 1000  # tokens in one answer
MAX_DEPTH = 50  # nesting of brackets, signs and exponents
MAX_NUMBER_CHARS = 40  # characters in one number literal
MAX_EXPONENT = 1000  # |n| in x^n for a numeric exponent
MAX_LOG10_MAGNITUDE = 300  # a numeric constant may not exceed 10^300
MAX_MATRIX_SIDE = 10  # rows and columns of a matrix answer
MAX_LIST_ITEMS = 20  # items of a list answer
MAX_PLUS_MINUS = 3  # "±" signs in one list item (each doubles the items)
MAX_LATEX_NESTING = 4  # \text{...} inside \text{...}
