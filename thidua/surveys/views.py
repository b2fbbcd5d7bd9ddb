def rating_form(request, token):  # replaced in step 2
    raise NotImplementedError


rating_kiosk = rating_thanks = rating_form
