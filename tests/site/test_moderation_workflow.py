import pytest
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

from wsr.site.services import moderation_workflow_ensure

pytestmark = pytest.mark.django_db


def test_a_workflow_without_tasks_gets_the_approval_task(site_tree):
    home = site_tree["en"]
    empty = Workflow.objects.create(name="Empty")
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": empty})
    moderation_workflow_ensure(root=home.get_parent(), home=home)
    assert GroupApprovalTask.objects.filter(active=True, workflow_tasks__workflow=empty).exists()
    assert home.get_workflow() == empty


def test_the_site_tree_always_has_a_moderation_workflow(site_tree):
    home = site_tree["en"]
    workflow = home.get_workflow()
    assert workflow is not None
    assert GroupApprovalTask.objects.filter(active=True, workflow_tasks__workflow=workflow).exists()
