# raise ... from ... shows the cause first, linked by 'The above exception was the direct cause...'.
class ConfigError(Exception):
    pass
def load(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key}") from e
load({"a": 1}, "b")
