// Uploaded files are scanned by ClamAV's daemon (clamd) before staff open them (ASVS 4.0.3
// 12.4.2). The client speaks clamd's INSTREAM command over its UNIX socket (configuration:
// uploads.clamd_socket): "zINSTREAM\0", the bytes in chunks each preceded by its length as 4
// bytes big-endian, a zero length to end, then one reply ending in NUL:
//   "stream: OK"                        -> kClean
//   "stream: <signature> FOUND"         -> kInfected, with the signature's name
//   "INSTREAM size limit exceeded. ERROR", anything else ending in ERROR, no reply, no daemon,
//   a refused or slow connection        -> kUnavailable, with why.
// kUnavailable is never clean: the caller keeps the file marked "not yet scanned", holds it
// from staff and scans it again later.
//
// Too big: clamd refuses a stream longer than its StreamMaxLength (Debian: 25 MB) and closes
// the connection. That is reported as kUnavailable with failure kTooBig, because nothing was
// scanned; unlike the other failures, scanning again will not help until StreamMaxLength is
// raised to at least the largest upload the fund accepts (http.max_upload_bytes and the
// feature's own limit), so the caller should hold such a file for staff and the operator fix
// clamd's configuration (docs/uploads.md).
//
// Timeouts: connecting waits at most `connect_timeout`; every later wait (clamd taking the
// next bytes, then its answer, which comes after the scan) at most `timeout`.
// Thread-safe: each scan has its own connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace lumbung::config {
class Config;
}

namespace lumbung::uploads {

enum class ScanVerdict { kClean, kInfected, kUnavailable };

enum class ScanFailure {
  kNone,
  kNoDaemon,  // nothing listens on the socket (not configured, not running, no such path)
  kTimeout,   // clamd did not accept, take the bytes or answer in time
  kError,     // clamd answered with an error, closed early or said something unexpected
  kTooBig,    // longer than clamd's StreamMaxLength: nothing was scanned
};

struct ScanResult {
  ScanVerdict verdict = ScanVerdict::kUnavailable;
  std::string signature;  // kInfected: the signature's name, e.g. "Eicar-Test-Signature"
  ScanFailure failure = ScanFailure::kNone;  // kUnavailable: why
  std::string detail;                        // kUnavailable: for the log
  bool clean() const { return verdict == ScanVerdict::kClean; }
};

// What features scan with, so their tests can put a fake in its place.
class VirusScanner {
 public:
  virtual ~VirusScanner() = default;
  virtual ScanResult Scan(std::string_view bytes) const = 0;
};

struct ClamdSettings {
  std::string socket_path{};                        // uploads.clamd_socket
  std::chrono::milliseconds connect_timeout{2000};  //
  std::chrono::milliseconds timeout{30000};         // uploads.clamd_timeout_seconds
  std::size_t chunk_bytes = 64 * 1024;              // bytes per INSTREAM chunk
};

// uploads.clamd_socket and uploads.clamd_timeout_seconds.
ClamdSettings ClamdSettingsFrom(const config::Config& config);

class ClamdScanner final : public VirusScanner {
 public:
  explicit ClamdScanner(ClamdSettings settings);
  ScanResult Scan(std::string_view bytes) const override;

 private:
  ClamdSettings settings_;
};

// The verdict of one clamd reply to INSTREAM (its NUL or line end optional). Pure.
ScanResult ParseClamdReply(std::string_view reply);

// "no_daemon", "timeout", "error", "too_big" ("" for kNone): for the log and metrics.
std::string_view ScanFailureName(ScanFailure failure);

}  // namespace lumbung::uploads
