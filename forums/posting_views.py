"""Writing in the e-discussions: start a thread in a category, reply (the thread page's form posts here; the
standalone page shows it again with the text kept when something is wrong), quote a post, edit one, download a
post's file, and "Discuss" from a good practice.

Members and staff only (``members_only``): a visitor is sent to sign in, an applicant, a rejected or a suspended
member gets the "membership pending" page. Everything is looked up through ``visible_to`` (404 otherwise). A
form is sent once: its hidden token makes a double click or a resend land on what the first created.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forums.forms import EditForm, ReplyForm, ThreadForm
from forums.models import Category, Post, PostAttachment, PostStatus, Thread
from forums.services.posting import post_edit as post_edit_service
from forums.services.posting import (
    post_edit_refusal,
    post_reply,
    quote_text,
    thread_start,
)
from network.attachments import attachment_response
from network.idempotency import FormOnce, form_token_new
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest
from practices.models import GoodPractice

PENDING_MESSAGE = _("Thank you: a moderator reads the first posts of new members before others see them.")


def _visible_practice(request: AuthenticatedHttpRequest, slug: str) -> GoodPractice | None:
    if not slug:
        return None
    return GoodPractice.objects.published().visible_to(request.user).filter(slug=slug).first()


@members_only
def thread_new(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug, is_active=True)
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            once = FormOnce(scope="forums:thread", user_id=request.user.pk, token=data["form_token"])
            if not once.claim():
                earlier = Thread.objects.visible_to(request.user).filter(pk=once.earlier() or 0).first()
                messages.info(
                    request, _("This form had already been sent: here is the discussion it started.")
                )
                return redirect(earlier or reverse("forums:thread_new", args=[category.slug]))
            try:
                thread = thread_start(
                    category=category,
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    keywords=data["keywords"],
                    practice=_visible_practice(request, data["practice"]),
                    files=data["attachments"],
                )
            except ValidationError as error:
                once.release()
                for problem in error.messages:
                    form.add_error(None, problem)
            except BaseException:
                once.release()
                raise
            else:
                once.done(thread.pk)
                if thread.status == Thread.Status.PENDING:
                    messages.success(request, PENDING_MESSAGE)
                first = thread.posts.get(number=1)
                return redirect(first.get_absolute_url())
    else:
        practice = _visible_practice(request, request.GET.get("practice", ""))
        initial: dict[str, object] = {"form_token": form_token_new()}
        if practice is not None:
            initial |= {
                "practice": practice.slug,
                "title": practice.title,
                "body": f"[{practice.title}]({practice.get_absolute_url()})\n\n",
            }
        form = ThreadForm(initial=initial)
    practice = _visible_practice(request, str(form["practice"].value() or ""))
    context = {"category": category, "form": form, "practice": practice}
    return render(request, "forums/thread_form.html", context)


def _reply_page(
    request: AuthenticatedHttpRequest, thread: Thread, form: ReplyForm, quoted: Post | None = None
) -> HttpResponse:
    context = {"thread": thread, "form": form, "quoted": quoted}
    return render(request, "forums/post_form.html", context, status=200 if not form.errors else 400)


def _quoted(request: AuthenticatedHttpRequest, thread: Thread, pk: object) -> Post | None:
    try:
        number = int(str(pk))
    except ValueError:
        return None
    return (
        Post.objects.visible_to(request.user)
        .select_related("author")
        .filter(thread=thread, pk=number)
        .first()
    )


@members_only
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: the reply form alone (``?quote=<post pk>`` prefills a quote); POST: send the reply."""
    thread = get_object_or_404(Thread.objects.visible_to(request.user).select_related("category"), pk=pk)
    if request.method != "POST":
        quoted = _quoted(request, thread, request.GET.get("quote", ""))
        initial: dict[str, object] = {"form_token": form_token_new()}
        if quoted is not None:
            initial |= {"body": quote_text(quoted), "quote_of": quoted.pk}
        return _reply_page(request, thread, ReplyForm(initial=initial), quoted)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _reply_page(request, thread, form)
    data = form.cleaned_data
    once = FormOnce(scope="forums:reply", user_id=request.user.pk, token=data["form_token"])
    if not once.claim():
        earlier = Post.objects.visible_to(request.user).filter(pk=once.earlier() or 0).first()
        messages.info(request, _("This reply had already been sent: here it is."))
        return redirect(earlier.get_absolute_url() if earlier else thread.get_absolute_url())
    try:
        post = post_reply(
            thread=thread,
            author=request.user,
            body=data["body"],
            quote_of=_quoted(request, thread, data["quote_of"]),
            files=data["attachments"],
        )
    except ValidationError as error:
        once.release()
        for problem in error.messages:
            form.add_error(None, problem)
        return _reply_page(request, thread, form)
    except BaseException:
        once.release()
        raise
    once.done(post.pk)
    if post.status == PostStatus.PENDING:
        messages.success(request, PENDING_MESSAGE)
    return redirect(post.get_absolute_url())


@members_only
@require_GET
def post_quote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The reply form with this post quoted."""
    post = get_object_or_404(Post.objects.visible_to(request.user).only("pk", "thread_id"), pk=pk)
    return redirect(f"{reverse('forums:reply', args=[post.thread_id])}?{urlencode({'quote': post.pk})}")


@members_only
def post_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "thread__category", "author"), pk=pk
    )
    refusal = post_edit_refusal(post, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect(post.get_absolute_url())
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            post_edit_service(post=post, actor=request.user, body=form.cleaned_data["body"])
            messages.success(request, _("Your changes are saved."))
            return redirect(post.get_absolute_url())
    else:
        form = EditForm(initial={"body": post.body})
    context = {"thread": post.thread, "post": post, "form": form}
    return render(request, "forums/post_form.html", context, status=400 if form.errors else 200)


@members_only
@require_GET
def attachment_download(
    request: AuthenticatedHttpRequest, post_pk: int, pk: int, name: str = ""
) -> HttpResponseBase:
    """A post's file, only if the reader may see the post (404 otherwise, never telling it exists)."""
    visible = Post.objects.visible_to(request.user).filter(pk=post_pk)
    return attachment_response(get_object_or_404(PostAttachment.objects.filter(post__in=visible), pk=pk))


@members_only
@require_GET
def practice_discussion(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The practice's discussion if there is one the member may see, else a new one about it."""
    practice = get_object_or_404(GoodPractice.objects.published().visible_to(request.user), slug=slug)
    thread = (
        Thread.objects.visible_to(request.user).filter(practice=practice).order_by("created_at", "pk").first()
    )
    if thread is not None:
        return redirect(thread.get_absolute_url())
    categories = Category.objects.filter(is_active=True)
    category = (
        categories.filter(themes__in=practice.themes.all()).order_by("position", "name").first()
        or categories.order_by("position", "name").first()
    )
    if category is None:
        raise Http404
    return redirect(
        f"{reverse('forums:thread_new', args=[category.slug])}?{urlencode({'practice': practice.slug})}"
    )
