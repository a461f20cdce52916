"""Plan importers: YAML (ansinh.plan/1), the Excel template, a Word plan whose appendix is a table.

All three build the same draft (`draft.DraftBuilder`), shown as a preview; nothing is written
until the user confirms, then `services.plan_import` writes it in one transaction.
"""
