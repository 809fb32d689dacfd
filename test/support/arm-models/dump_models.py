"""Dumps the Azure REST API models that the azure-mgmt-* Python packages ship, as one JSON document.

Input (stdin): {"ResourceType": ["package", "models module", "ModelClass"], ...}
Output (stdout): {"types": {ResourceType: {"model": ref, "package": "name version", "apiVersion": ...}},
                  "models": {ref: {prop: {"type": T, "required": bool, "readOnly": bool}}}}
where T is "string" | "number" | "boolean" | "any" | {"model": ref} | {"array": T} | {"map": T} | {"enum": [...]}.

Both generations of the SDK are read: the TypeSpec-generated one (rest fields with visibility) and the msrest one
(_attribute_map with flattened "properties.x" keys and _validation). Nothing is called over the network.
"""
import enum
import importlib
import importlib.metadata
import json
import sys
import typing

models_out = {}


def ref_of(cls):
    return f"{cls.__module__.split('.')[2]}.{cls.__name__}"


def type_of(t, ns):
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is typing.Union:
        enums = [a for a in args if isinstance(a, type) and issubclass(a, enum.Enum)]
        rest = [a for a in args if a is not type(None) and a not in enums]
        if enums:
            return {"enum": sorted({str(v.value) for e in enums for v in e})}
        if len(rest) == 1:
            return type_of(rest[0], ns)
        return "any"
    if origin in (list, typing.List):
        return {"array": type_of(args[0], ns) if args else "any"}
    if origin in (dict, typing.Dict):
        return {"map": type_of(args[1], ns) if len(args) > 1 else "any"}
    if isinstance(t, type):
        if issubclass(t, enum.Enum):
            return {"enum": sorted(str(v.value) for v in t)}
        if t is bool:
            return "boolean"
        if t in (int, float):
            return "number"
        if t is str:
            return "string"
        if hasattr(t, "_is_model") or hasattr(t, "_attribute_map"):
            dump_model(t, ns)
            return {"model": ref_of(t)}
        return "string" if t.__name__ in ("datetime", "date", "timedelta", "bytes", "bytearray") else "any"
    return "any"


def dump_new(cls, ns):
    cls()  # the TypeSpec models compute their rest names on first instantiation
    hints = typing.get_type_hints(cls, globalns=ns, localns=ns)
    props = {}
    for attr, field in cls._attr_to_rest_field.items():
        visibility = field._visibility or []
        props[field._rest_name] = {
            "type": type_of(hints.get(attr, typing.Any), ns),
            "required": not field._is_optional and attr in hints and type(None) not in typing.get_args(hints[attr]),
            "readOnly": bool(visibility) and "create" not in visibility and "update" not in visibility,
        }
    return props


MSREST = {"str": "string", "int": "number", "long": "number", "float": "number", "bool": "boolean",
          "iso-8601": "string", "rfc-1123": "string", "duration": "string", "date": "string", "object": "any",
          "bytearray": "string", "base64": "string", "unix-time": "number"}


def msrest_type(name, module):
    if name in MSREST:
        return MSREST[name]
    if name.startswith("[") and name.endswith("]"):
        return {"array": msrest_type(name[1:-1], module)}
    if name.startswith("{") and name.endswith("}"):
        return {"map": msrest_type(name[1:-1], module)}
    cls = getattr(module, name, None)
    if cls is not None and hasattr(cls, "_attribute_map"):
        dump_model(cls, vars(module))
        return {"model": ref_of(cls)}
    return "any"


def dump_old(cls):
    module = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
    validation = getattr(cls, "_validation", {}) or {}
    props = {}
    for attr, spec in cls._attribute_map.items():
        path = [p.replace("\\.", ".") for p in spec["key"].replace("\\.", "\0").split(".")]
        path = [p.replace("\0", ".") for p in path]
        node = props
        for part in path[:-1]:  # flattened keys ("properties.principalId") become nested anonymous objects
            entry = node.setdefault(part, {"type": {"object": {}}, "required": False, "readOnly": False})
            node = entry["type"]["object"]
        rules = validation.get(attr, {})
        node[path[-1]] = {"type": msrest_type(spec["type"], module), "required": bool(rules.get("required")),
                          "readOnly": bool(rules.get("readonly"))}
    return props


def dump_model(cls, ns):
    ref = ref_of(cls)
    if ref in models_out:
        return
    models_out[ref] = {}
    models_out[ref] = dump_old(cls) if hasattr(cls, "_attribute_map") else dump_new(cls, ns)


def main():
    wanted = json.load(sys.stdin)
    types = {}
    for resource_type, (package, module_name, class_name) in sorted(wanted.items()):
        module = importlib.import_module(module_name)
        ns = dict(vars(sys.modules[getattr(module, class_name).__module__]))
        ns["_models"] = module
        cls = getattr(module, class_name)
        dump_model(cls, ns)
        types[resource_type] = {"model": ref_of(cls), "package": f"{package} {importlib.metadata.version(package)}"}
    json.dump({"types": types, "models": dict(sorted(models_out.items()))}, sys.stdout, sort_keys=True)


main()
