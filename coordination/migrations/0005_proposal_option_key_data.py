"""Options written as the usual answers before they had a key ("Yes", "Sí", "Abstain")
get their key, so that they too read in each reader's language."""

from django.db import migrations

KEYS = {
    "yes": "yes",
    "sí": "yes",
    "si": "yes",
    "no": "no",
    "abstain": "abstain",
    "abstención": "abstain",
    "abstencion": "abstain",
}


def keys_for_usual_answers(apps, schema_editor):
    options = apps.get_model("coordination", "ProposalOption").objects
    for option in options.filter(key=""):
        key = KEYS.get(option.label.strip().casefold())
        if key:
            options.filter(pk=option.pk).update(key=key)


def no_op(apps, schema_editor):
    """The field goes away when 0004 is reversed."""


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0004_proposal_option_key"),
    ]

    operations = [migrations.RunPython(keys_for_usual_answers, no_op)]
