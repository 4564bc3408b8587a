"""Every write of the training app: keyword-only ``<entity>_<action>()`` functions that check
rights (through accountability.core.scoping), validate, write in a transaction and enqueue."""
