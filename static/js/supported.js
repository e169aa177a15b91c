// Runs first in <body>: marks the page so GOV.UK Frontend styles its script-enhanced components.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
