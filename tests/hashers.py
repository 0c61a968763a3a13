from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with small costs: the suite logs in hundreds of times on two cores.
    Production keeps Django's defaults (see test_passwords.py)."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1
