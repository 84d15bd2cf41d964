"""`python -m formcheck`."""

from formcheck.cli.app import main

main()
