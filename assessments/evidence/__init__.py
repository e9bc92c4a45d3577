"""Evidence you can check: configuration facts read from files and APIs, held against answers.

Collectors read the documented configuration formats of agent tools, CI and the code host into
`Fact`s; evidence rules (YAML beside the questionnaire) say which facts bound which answers; the
verdicts say per answer whether the facts support it, contradict it (with the bound) or do not
cover it.
"""
