"""Lab code: everything a notebook imports to run its exercise offline.

The synthetic fraud data (:mod:`.fraud_data`), the standard fraud model (:mod:`.models`),
a private MLflow store and model server per notebook (:mod:`.sandbox`), an MLflow server
with basic authentication (:mod:`.auth_server`), the local Spark session
(:mod:`.spark_session`), drift statistics and the 12-week monitoring scenario
(:mod:`.drift`, :mod:`.monitoring_scenario`), the canary and parity checks
(:mod:`.canary`, :mod:`.parity`), the promotion gate as one function
(:mod:`.promotion_gate`), figure styling (:mod:`.figures`), readable notebook output
(:mod:`.notebook_outputs`), the repository's paths (:mod:`.paths`) and the thread caps
(:mod:`.threads`).

Nothing here imports :mod:`mlpro_guide.content` or :mod:`mlpro_guide.site` (an
import-linter contract in ``pyproject.toml`` checks it).
"""
