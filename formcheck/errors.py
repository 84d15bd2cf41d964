"""The one exception type the command line turns into a single clear line and a non-zero exit."""


class FormcheckError(Exception):
    """A problem the user can fix: the message says what is wrong and what to do."""

    exit_code = 2
