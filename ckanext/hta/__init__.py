"""The ``hta`` plugin: RENETSA health technology assessment reports."""
