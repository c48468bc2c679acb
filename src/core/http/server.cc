#include "core/http/server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace lumbung::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

class Server::Impl {
 public:
  Impl(ServerOptions o, std::function<Response(Request&)> h, std::function<Response(int)> e)
      : options(std::move(o)),
        handler(std::move(h)),
        protocol_error(std::move(e)),
        ioc(options.io_threads),
        acceptor(net::make_strand(ioc)),
        workers(options.workers),
        signals(ioc) {}

  void Accept();
  void BeginStop();
  void Register(Session* s) {
    std::lock_guard lock(sessions_mu);
    sessions.insert(s);
  }
  void Unregister(Session* s) {
    std::lock_guard lock(sessions_mu);
    sessions.erase(s);
  }

  ServerOptions options;
  std::function<Response(Request&)> handler;
  std::function<Response(int)> protocol_error;
  std::function<std::optional<Response>(Request&)> inline_handler;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::thread_pool workers;
  net::signal_set signals;
  std::atomic<long> queued{0}, active{0}, connections{0};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  std::set<Session*> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    server_.connections++;
  }
  ~Session() {
    server_.Unregister(this);
    server_.connections--;
  }

  void Start() {
    server_.Register(this);
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::ReadRequest, shared_from_this()));
  }

  // Called from any thread during shutdown: close the connection if it is between requests.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_ && self->parser_ && !self->parser_->got_some()) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void ReadRequest() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    stream_.expires_after(server_.options.request_timeout);
    reading_ = true;
    if (server_.options.upload_paths.empty()) {
      parser_->body_limit(server_.options.max_body_bytes);
      bhttp::async_read(stream_, buffer_, *parser_,
                        beast::bind_front_handler(&Session::OnRead, shared_from_this()));
      return;
    }
    // The head first: the target decides how large a body may be. Beast compares a declared
    // Content-Length with the limit as soon as the head is read, so the head is read under the
    // larger of the two limits and each request is held to its own in OnHead.
    parser_->body_limit(std::max(server_.options.max_body_bytes, server_.options.max_upload_bytes));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHead, shared_from_this()));
  }

  void OnHead(beast::error_code ec, std::size_t bytes) {
    if (ec) return OnRead(ec, bytes);
    const std::string_view target = parser_->get().target();
    std::uint64_t limit = server_.options.max_body_bytes;
    for (const auto& prefix : server_.options.upload_paths) {
      if (target.substr(0, prefix.size()) == prefix) {
        limit = server_.options.max_upload_bytes;
        break;
      }
    }
    const auto declared = parser_->content_length();
    if (declared && *declared > limit) return OnRead(bhttp::error::body_limit, bytes);
    parser_->body_limit(limit);  // a chunked body is counted as it comes
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    reading_ = false;
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return Close();
    }
    if (ec) {
      if (ec.category() != bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return Close();
      }
      int status = 400;
      if (ec == bhttp::error::header_limit) status = 431;
      if (ec == bhttp::error::body_limit) status = 413;
      Response r = server_.protocol_error(status);
      return Write(std::move(r), /*head=*/false, /*keep_alive=*/false, /*drain=*/true);
    }

    auto request = std::make_shared<Request>();
    auto& msg = parser_->get();
    request->method = std::string(msg.method_string());
    request->target = std::string(msg.target());
    request->keep_alive = msg.keep_alive();
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request->body = std::move(msg.body());
    // The peer does not change during a connection: asked once (a system call each time).
    if (remote_ip_.empty()) {
      beast::error_code ep_ec;
      auto endpoint = stream_.socket().remote_endpoint(ep_ec);
      if (!ep_ec) remote_ip_ = endpoint.address().to_string();
    }
    request->remote_ip = remote_ip_;

    if (server_.inline_handler) {
      std::optional<Response> answered;
      try {
        answered = server_.inline_handler(*request);
      } catch (...) {
        answered = server_.protocol_error(500);
      }
      if (answered) {
        return Write(std::move(*answered), request->method == "HEAD", request->keep_alive, false);
      }
    }

    stream_.expires_never();
    server_.queued++;
    // The guard keeps the network loop alive while the request is on the worker pool, so a
    // graceful stop still writes its answer.
    net::post(server_.workers, [self = shared_from_this(), request,
                                guard = net::make_work_guard(stream_.get_executor())] {
      self->server_.queued--;
      self->server_.active++;
      Response response;
      try {
        response = self->server_.handler(*request);
      } catch (...) {
        response = self->server_.protocol_error(500);
      }
      self->server_.active--;
      const bool head = request->method == "HEAD";
      const bool keep_alive = request->keep_alive;
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response), head, keep_alive]() mutable {
                  self->Write(std::move(response), head, keep_alive, false);
                });
    });
  }

  void Write(Response response, bool head, bool keep_alive, bool drain) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) res->insert(name, value);
    const std::size_t length = response.body.size();
    if (!head) res->body() = std::move(response.body);
    res->content_length(length);
    keep_alive = keep_alive && !server_.stopping;
    res->keep_alive(keep_alive);
    stream_.expires_after(server_.options.request_timeout);
    bhttp::async_write(
        stream_, *res,
        [self = shared_from_this(), res, keep_alive, drain](beast::error_code ec, std::size_t) {
          if (ec) return self->Close();
          if (drain) return self->Drain();
          if (!keep_alive) return self->Close();
          self->ReadRequest();
        });
  }

  // After an error answer to a request whose body we did not read, stop sending and read
  // what the client still sends for a short while: closing with unread data would reset
  // the connection and the client could lose our answer.
  void Drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain_buffer_.resize(16 * 1024);
    DrainMore(0);
  }

  void DrainMore(std::size_t total) {
    if (total > 4 * server_.options.max_body_bytes + 65536) return Close();
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this(), total](
                                                            beast::error_code ec, std::size_t n) {
      if (ec) return self->Close();
      self->DrainMore(total + n);
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  std::string remote_ip_;  // the peer, once known
  beast::flat_buffer buffer_;
  std::vector<char> drain_buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  bool reading_ = false;
};

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping || ec == net::error::operation_aborted) return;
    } else {
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
    if (!stopping) Accept();
  });
}

void Server::Impl::BeginStop() {
  net::post(acceptor.get_executor(), [this] {
    if (stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::vector<std::shared_ptr<Session>> open;
    {
      std::lock_guard lock(sessions_mu);
      for (Session* s : sessions) {
        if (auto p = s->weak_from_this().lock()) open.push_back(std::move(p));
      }
    }
    for (auto& s : open) s->CloseIfIdle();
  });
}

Server::Server(ServerOptions options, std::function<Response(Request&)> handler,
               std::function<Response(int)> protocol_error)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler),
                                   std::move(protocol_error))) {}

Server::~Server() {
  impl_->workers.join();
}

void Server::SetInlineHandler(std::function<std::optional<Response>(Request&)> handler) {
  impl_->inline_handler = std::move(handler);
}

std::uint16_t Server::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec)
    throw std::runtime_error("http.address: '" + impl_->options.address + "' is not an IP address");
  tcp::endpoint endpoint{address, impl_->options.port};
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + impl_->options.address + ":" +
                             std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return a.local_endpoint().port();
}

void Server::Run() {
  if (impl_->options.handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->BeginStop();
    });
  }
  impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i)
    threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->workers.join();
}

void Server::Stop() {
  impl_->BeginStop();
}

ServerStats Server::Stats() const {
  return {impl_->queued.load(), impl_->active.load(), impl_->connections.load(),
          impl_->options.workers};
}

}  // namespace lumbung::http
