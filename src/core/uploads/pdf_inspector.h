// PDFs people upload (letters, certificates, scanned documents) are looked through before
// staff open them (ASVS 4.0.3 12.2.1, 12.4.2). Refused:
//   encrypted       any encryption, even one that opens without a password: its contents
//                   cannot be inspected, and staff must be able to open every document;
//   javascript      script anywhere: /JS or /JavaScript keys, JavaScript actions (the document's
//                   names tree, OpenAction, additional actions /AA of the document, pages and
//                   fields, links and other annotations), however their names are spelled
//                   (qpdf reads /J#61vaScript as /JavaScript);
//   active_content  anything that starts programs, opens or sends other files, or carries
//                   files: Launch, GoToR, GoToE, ImportData and SubmitForm actions, embedded files
//                   (/EmbeddedFiles, /EF, /Type /EmbeddedFile, file attachment annotations),
//                   multimedia (RichMedia, Movie, Sound) and XFA forms;
//   damaged         qpdf cannot read it, had to repair it (a broken cross-reference table,
//                   objects that are not where the file says), or it has no pages.
// Every object of the file is examined (all objects in the cross-reference table, streams'
// dictionaries and every dictionary and array nested inside them), so nothing hides in an
// object the page tree does not reach. Links to web addresses (URI) are allowed: ordinary
// letters have them. The file is not changed: a document signed electronically keeps its
// signature.
//
// Uses qpdf; thread-safe (each call has its own reader).
#pragma once

#include <string>
#include <string_view>

namespace lumbung::uploads {

enum class PdfProblem { kNone, kEncrypted, kJavascript, kActiveContent, kDamaged };

struct PdfReport {
  PdfProblem problem = PdfProblem::kNone;
  int pages = 0;       // when ok()
  std::string detail;  // what was found and where, for the log (never shown to members)
  bool ok() const { return problem == PdfProblem::kNone; }
};

// The verdict on `bytes`. When several problems are present: encrypted, then javascript, then
// active_content, then damaged. Never throws for any input.
PdfReport InspectPdf(std::string_view bytes);

// "encrypted", "javascript", "active_content", "damaged" ("" for kNone): for catalog ids
// (uploads.problem_<name>).
std::string_view PdfProblemName(PdfProblem problem);

}  // namespace lumbung::uploads
