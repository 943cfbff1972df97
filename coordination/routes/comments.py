"""URLs of issue 20's comments part (joined into coordination/urls.py)."""

urlpatterns = []
