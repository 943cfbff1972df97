from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A bare template: the error may come from the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())


def permission_denied(request, exception=None):
    """403 with the reason the refusing rule gave (a PermissionDenied message), in words."""
    message = str(exception) if exception is not None and str(exception) else None
    return render(request, "403.html", {"message": message}, status=403)


def bad_request(request, message=None):
    """400 with what was wrong, in words (a NUL in the address, a month out of range)."""
    return render(request, "bad_request.html", {"message": message}, status=400)
