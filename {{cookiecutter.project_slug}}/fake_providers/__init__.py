"""FAKE Google and GitHub, for the tests and `make demo` only: small servers that sign in whoever
their page is told to, with no password. The service refuses them outside ENVIRONMENT=development
(their plain-HTTP addresses). Not part of the installed package."""
