"""Development: `make run`. DEBUG on, mail to the console, everything else from base."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("ACC_DEBUG", True)
