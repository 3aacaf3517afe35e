"""confide.safety: what runs in a turn to keep it safe, one job per module.

The screen (``screen``), the reply checks (``reply_checks``, ``markers``), the output guard
(``guard``) and its last-resort reply (``safe_reply``, ``failsafe``), Compassionate Completion
(``completion``), the check-in (``check_in``), escalation (``escalation``) and the streaming
rail (``streaming``). The judges that measure these replies live in :mod:`confide.evaluation`.
"""
