# SAM → plain CloudFormation with aws-sam-translator, code pointed at an S3 bucket (moto's CloudFormation cannot
# package local CodeUri). Usage: translate.py TEMPLATE BUCKET → JSON on stdout.
import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """Only needed for SAM policies given by managed-policy name; this fixture uses statements."""

    def load(self):
        return {}


template = yaml_parse(open(sys.argv[1]).read())
for logical_id, resource in template["Resources"].items():
    if resource.get("Type") == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = {"Bucket": sys.argv[2], "Key": logical_id + ".zip"}
print(json.dumps(transform(template, {}, NoManagedPolicies()), sort_keys=True))
