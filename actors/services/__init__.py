"""Every write of the actors app: keyword-only functions named <entity>_<action>."""
