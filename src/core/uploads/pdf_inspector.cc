#include "core/uploads/pdf_inspector.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <algorithm>
#include <array>
#include <exception>
#include <set>
#include <vector>

namespace lumbung::uploads {
namespace {

constexpr std::array kScriptKeys = {std::string_view("/JS"), std::string_view("/JavaScript")};
constexpr std::array kActiveKeys = {std::string_view("/EmbeddedFiles"), std::string_view("/EF"),
                                    std::string_view("/XFA"),
                                    std::string_view("/RichMediaContent")};
// Values of /S (the action's type).
constexpr std::array kActiveActions = {
    std::string_view("/Launch"),     std::string_view("/GoToR"),
    std::string_view("/GoToE"),      std::string_view("/ImportData"),
    std::string_view("/SubmitForm"), std::string_view("/RichMediaExecute"),
    std::string_view("/Movie"),      std::string_view("/Sound")};
// Values of /Type and /Subtype.
constexpr std::array kActiveTypes = {
    std::string_view("/EmbeddedFile"), std::string_view("/FileAttachment"),
    std::string_view("/RichMedia"), std::string_view("/Movie"), std::string_view("/Sound")};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// What the walk found, the worst kept.
struct Finding {
  PdfProblem problem = PdfProblem::kNone;
  std::string detail;

  static int Rank(PdfProblem p) {
    return p == PdfProblem::kJavascript ? 3 : p == PdfProblem::kActiveContent ? 2 : 0;
  }
  void Note(PdfProblem p, const std::string& what, QPDFObjGen where) {
    if (Rank(p) <= Rank(problem)) return;
    problem = p;
    detail = what + " in object " + where.unparse(' ');
  }
};

// Every key and value of `top` (an object from the cross-reference table) and of the direct
// dictionaries and arrays inside it; indirect references are not followed, each of those
// objects gets its own turn.
void Examine(QPDFObjectHandle top, Finding* finding) {
  const QPDFObjGen where = top.getObjGen();
  std::vector<QPDFObjectHandle> pending = {top};
  while (!pending.empty()) {
    QPDFObjectHandle object = pending.back();
    pending.pop_back();
    if (object.isStream()) object = object.getDict();
    if (object.isDictionary()) {
      for (const std::string& key : object.getKeys()) {
        QPDFObjectHandle value = object.getKey(key);
        if (In(kScriptKeys, key)) finding->Note(PdfProblem::kJavascript, key, where);
        if (In(kActiveKeys, key)) finding->Note(PdfProblem::kActiveContent, key, where);
        if (value.isName()) {
          const std::string name = value.getName();
          if (key == "/S" && name == "/JavaScript") {
            finding->Note(PdfProblem::kJavascript, "/S /JavaScript", where);
          }
          if (key == "/S" && In(kActiveActions, name)) {
            finding->Note(PdfProblem::kActiveContent, "/S " + name, where);
          }
          if ((key == "/Type" || key == "/Subtype") && In(kActiveTypes, name)) {
            finding->Note(PdfProblem::kActiveContent, key + " " + name, where);
          }
        }
        if (!value.isIndirect() && (value.isDictionary() || value.isArray())) {
          pending.push_back(value);
        }
      }
    } else if (object.isArray()) {
      for (int i = 0, n = object.getArrayNItems(); i < n; ++i) {
        QPDFObjectHandle item = object.getArrayItem(i);
        if (!item.isIndirect() && (item.isDictionary() || item.isArray())) pending.push_back(item);
      }
    }
  }
}

PdfReport Refuse(PdfProblem problem, std::string detail) {
  PdfReport report;
  report.problem = problem;
  report.detail = std::move(detail);
  return report;
}

}  // namespace

PdfReport InspectPdf(std::string_view bytes) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    try {
      pdf.processMemoryFile("upload", bytes.data(), bytes.size());
    } catch (const QPDFExc& e) {
      if (e.getErrorCode() == qpdf_e_password) return Refuse(PdfProblem::kEncrypted, e.what());
      return Refuse(PdfProblem::kDamaged, e.what());
    }
    // qpdf opens a file encrypted with an empty user password by itself: still refused.
    if (pdf.isEncrypted()) return Refuse(PdfProblem::kEncrypted, "encrypted");

    Finding finding;
    Examine(pdf.getTrailer(), &finding);
    for (QPDFObjectHandle& object : pdf.getAllObjects()) Examine(object, &finding);
    if (finding.problem != PdfProblem::kNone) return Refuse(finding.problem, finding.detail);

    const int pages = static_cast<int>(QPDFPageDocumentHelper(pdf).getAllPages().size());
    if (pdf.anyWarnings()) {
      const auto warnings = pdf.getWarnings();
      return Refuse(PdfProblem::kDamaged,
                    warnings.empty() ? std::string("repaired") : warnings.front().what());
    }
    if (pages == 0) return Refuse(PdfProblem::kDamaged, "no pages");
    PdfReport report;
    report.pages = pages;
    return report;
  } catch (const std::exception& e) {
    return Refuse(PdfProblem::kDamaged, e.what());
  }
}

std::string_view PdfProblemName(PdfProblem problem) {
  switch (problem) {
    case PdfProblem::kNone:
      return "";
    case PdfProblem::kEncrypted:
      return "encrypted";
    case PdfProblem::kJavascript:
      return "javascript";
    case PdfProblem::kActiveContent:
      return "active_content";
    case PdfProblem::kDamaged:
      return "damaged";
  }
  return "";
}

}  // namespace lumbung::uploads
