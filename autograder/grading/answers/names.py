"""Spellings of one name: Greek letters in Unicode and LaTeX, and normalised subscripts.

``sigma_l``, ``sigma_ell``, ``sigma_{l}``, ``σ_ℓ``, ``\\sigma_\\ell`` and ``σₗ`` all have the
canonical name ``sigma_l``: the tokenizer and the declared aliases both go through
:func:`canonical_name`.
"""
from __future__ import annotations

GREEK_LETTERS = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
    "Omega",
)

UNICODE_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "ℓ": "ell",
}

# LaTeX spellings that differ from the canonical name.
LATEX_NAME_VARIANTS = {"varepsilon": "epsilon", "varphi": "phi", "vartheta": "theta"}

# Plain-text abbreviations students use for Greek names.
ABBREVIATIONS = {"eps": "epsilon", "lam": "lambda", "lamda": "lambda", "lmbda": "lambda"}

UNICODE_SUBSCRIPTS = {
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8",
    "₉": "9", "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x", "ₕ": "h", "ₖ": "k", "ₗ": "l", "ₘ": "m",
    "ₙ": "n", "ₚ": "p", "ₛ": "s", "ₜ": "t", "ᵢ": "i", "ⱼ": "j", "₊": "+", "₋": "-",
}

# In a subscript, ``ell`` and ``ℓ`` are the letter l (sigma_ell is sigma_l).
SUBSCRIPT_VARIANTS = {"ell": "l"}


def canonical_base(word: str) -> str:
    """The canonical spelling of a name without subscript: ``σ``/``eps`` -> ``sigma``/``epsilon``."""
    word = UNICODE_GREEK.get(word, word)
    word = LATEX_NAME_VARIANTS.get(word, word)
    return ABBREVIATIONS.get(word, word)


def canonical_name(base: str, subscripts: tuple[str, ...] = ()) -> str:
    """``canonical_name("σ", ("ℓ",)) == "sigma_l"``; each subscript part is normalised alike."""
    parts = [canonical_base(base)]
    for subscript in subscripts:
        word = canonical_base(subscript)
        parts.append(SUBSCRIPT_VARIANTS.get(word, word))
    return "_".join(parts)
