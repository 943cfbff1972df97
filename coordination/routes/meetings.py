"""URLs of issue 20's meetings part (joined into coordination/urls.py)."""

urlpatterns = []
