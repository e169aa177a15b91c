"""Uploading a paper of the review, and pasting the final report's recommendations."""

from django import forms
from django.core.exceptions import ValidationError

from scraip.common.forms import RealDateInputField, gds_helper
from scraip.common.limits import refuse_line_breaks
from scraip.common.uploads import CheckedFileField
from scraip.councils.models import Committee

from ..models import ReviewDocument
from ..recommendation_text import RecommendationTextError, parse_recommendations
from ..services.plans import publication_problem
from .common import committee_choices


class DocumentForm(forms.ModelForm):
    file = CheckedFileField(label="File")

    class Meta:
        model = ReviewDocument
        fields = ["kind", "title", "file"]
        labels = {"title": "Title (optional)"}
        help_texts = {"title": "Leave empty to use the file's name."}
        error_messages = {"kind": {"required": "Choose the type of document"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = "Choose the file to upload"
        self.fields["file"].help_text = (
            "A PDF, Word, OpenDocument, Excel, PowerPoint, CSV or text file, up to 10 MB. If "
            "the page comes back with a problem, choose the file again."
        )
        self.fields["title"].required = False
        self.helper = gds_helper(self, submit="Upload document")
        self.helper.attrs = {"enctype": "multipart/form-data"}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if not cleaned.get("title"):
                cleaned["title"] = upload.name.rsplit(".", 1)[0][:200]
                self.instance.title = cleaned["title"]
            self.instance.original_name = upload.name[:255]
            self.instance.size = upload.size
        return cleaned


class RecommendationsForm(forms.Form):
    """The final report's recommendations, pasted once, read into a draft SCRAIP."""

    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        label="Report of (committee)",
        help_text="The committee whose action plan this becomes. A joint review can have one "
        "plan for each council taking part.",
        error_messages={"required": "Choose the committee whose report this is"},
    )
    title = forms.CharField(label="Report title", max_length=300, validators=[refuse_line_breaks])
    publication_date = RealDateInputField(label="Date of publication", require_all_fields=False)
    text = forms.CharField(
        label="Recommendations",
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text="Paste them as the report gives them, each on its own line starting with its "
        "letter: “A. That…” or “Recommendation A: That…”. Start each sub-part on its own line "
        "with its numeral: “(i) …”, “(ii) …”.",
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["committee"].choices = [("", "Choose the committee")] + committee_choices(
            committees
        )
        self.fields["title"].error_messages["required"] = "Enter the title of the report"
        self.fields["text"].error_messages["required"] = "Paste the recommendations"
        self.fields["publication_date"].error_messages["required"] = (
            "Enter the date the report was published"
        )
        self.parsed = None
        # For the error summary: the page lays the fields out itself, with two buttons.
        self.helper = gds_helper(self)
        self.helper.form_tag = False

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            self.parsed = parse_recommendations(text)
        except RecommendationTextError as error:
            raise ValidationError(str(error)) from None
        return text

    def clean_publication_date(self):
        published = self.cleaned_data["publication_date"]
        if problem := publication_problem(published):
            raise ValidationError(problem)
        return published
