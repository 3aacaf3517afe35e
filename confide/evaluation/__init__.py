"""confide.evaluation: measuring Confide, never part of a turn.

The scenario harness (``confide eval``) and the judges: the behaviour checks
(:mod:`confide.evaluation.behaviours`), the CCS rubric (:mod:`confide.evaluation.ccs`), the
probe suite (:mod:`confide.evaluation.probes`), the self-check of the composed replies
(:mod:`confide.evaluation.selfcheck`) and the optional LLM judge
(:mod:`confide.evaluation.judge`). No runtime module imports this package (an import-linter
contract in ``pyproject.toml``).
"""
