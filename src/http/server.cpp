// Beast/Asio implementation of http::Server. Each connection is one coroutine on its own
// strand; handlers run on a separate worker pool because they block on the database.
#include <utility>  // before Asio's awaitable header (Boost 1.74 + g++ 12)

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <cstdio>
#include <fstream>
#include <limits>
#include <random>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include "http/multipart.hpp"
#include "http/server.hpp"

namespace netral::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string random_name() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[40];
  std::snprintf(buf, sizeof buf, "up-%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

// Thrown inside a connection when the request must be answered with a fault and closed.
struct Fault {
  ErrorCode fault;
};

// Receives multipart parts: text fields into Request::form, files into temp files.
class UploadSink {
 public:
  UploadSink(Request& req, const BodyPolicy& policy, const std::filesystem::path& dir)
      : req_(req), policy_(policy), dir_(dir) {}
  // A file still open here was never completed (client gone, malformed body): remove it.
  ~UploadSink() {
    if (out_) fault = fault.value_or(ErrorCode::bad_request);
    close_file();
  }

  std::optional<ErrorCode> fault;

  bool begin(const PartHeaders& h) {
    current_ = h;
    field_value_.clear();
    file_bytes_ = 0;
    if (h.has_filename) {
      if (files_ >= policy_.max_files) return refuse(ErrorCode::too_many_files);
      ++files_;
      std::error_code ec;
      std::filesystem::create_directories(dir_, ec);
      path_ = dir_ / random_name();
      out_ = std::fopen(path_.c_str(), "wbx");
      if (!out_) return refuse(ErrorCode::bad_request);
    }
    return true;
  }

  bool data(std::string_view d) {
    if (current_.has_filename) {
      file_bytes_ += d.size();
      if (file_bytes_ > policy_.max_file_bytes) return refuse(ErrorCode::file_too_large);
      if (std::fwrite(d.data(), 1, d.size(), out_) != d.size()) return refuse(ErrorCode::bad_request);
      return true;
    }
    if (field_value_.size() + d.size() > policy_.max_field_bytes) return refuse(ErrorCode::field_too_large);
    field_value_.append(d);
    return true;
  }

  bool end() {
    if (!current_.has_filename) {
      req_.form.emplace(current_.name, std::move(field_value_));
      return true;
    }
    // Files are flushed to stable storage before the handler acknowledges anything.
    bool ok = std::fflush(out_) == 0 && ::fsync(fileno(out_)) == 0;
    close_file();
    if (!ok) return refuse(ErrorCode::bad_request);
    if (file_bytes_ == 0 && current_.filename.empty()) {
      // A browser's empty <input type=file>: no file was chosen.
      std::error_code ec;
      std::filesystem::remove(path_, ec);
      --files_;
      return true;
    }
    req_.files.push_back(UploadedFile{current_.name, current_.filename, current_.content_type, path_, file_bytes_});
    return true;
  }

 private:
  bool refuse(ErrorCode f) {
    fault = f;
    return false;
  }
  void close_file() {
    if (out_) {
      std::fclose(out_);
      out_ = nullptr;
      if (fault) {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
      }
    }
  }

  Request& req_;
  const BodyPolicy& policy_;
  std::filesystem::path dir_;
  PartHeaders current_;
  std::string field_value_;
  std::FILE* out_ = nullptr;
  std::filesystem::path path_;
  std::uint64_t file_bytes_ = 0;
  std::size_t files_ = 0;
};

class BeastServer final : public Server {
 public:
  BeastServer(ServerOptions o, std::shared_ptr<const Router> router, FaultRenderer render)
      : opts_(std::move(o)), keep_alive_("timeout=" + std::to_string(opts_.header_timeout.count())),
        router_(std::move(router)), render_(std::move(render)), acceptor_(ioc_),
        workers_(static_cast<std::size_t>(std::max(1, opts_.worker_threads))), signals_(ioc_, SIGINT, SIGTERM) {}

  ~BeastServer() override {
    stop();
    workers_.join();
  }

  unsigned short bind() override {
    tcp::endpoint ep{asio::ip::make_address(opts_.host), opts_.port};
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  }

  void run() override {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) stop();
    });
    asio::co_spawn(ioc_, accept_loop(), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < opts_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
  }

  void stop() override {
    asio::post(ioc_, [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
      signals_.cancel(ec);
    });
    ioc_.stop();
  }

 private:
  awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor_.async_accept(asio::make_strand(ioc_), asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, connection(std::move(socket)), asio::detached);
    }
  }

  // Arms a timer that cancels the socket's pending operation at `deadline`; `timed_out`
  // tells the reader why its operation was aborted.
  struct Watchdog {
    asio::steady_timer timer;
    bool timed_out = false;
    explicit Watchdog(asio::any_io_executor ex) : timer(ex) {}
    void arm(tcp::socket& s, Clock::time_point deadline) {
      timer.expires_at(deadline);
      timer.async_wait([this, &s](const boost::system::error_code& ec) {
        if (!ec) {
          timed_out = true;
          boost::system::error_code ignored;
          s.cancel(ignored);
        }
      });
    }
    void disarm() { timer.cancel(); }
  };

  awaitable<void> connection(tcp::socket socket) {
    beast::flat_buffer buffer;
    Watchdog dog(socket.get_executor());
    std::string ip;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      if (!ec) ip = ep.address().to_string();
    }
    for (;;) {
      bool keep_alive = false;
      try {
        keep_alive = co_await one_request(socket, buffer, dog, ip);
      } catch (const std::exception& e) {
        spdlog::error("connection error: {}", e.what());
        keep_alive = false;
      }
      if (!keep_alive) break;
    }
    dog.disarm();
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_send, ec);
    // Lingering close: read and discard what the client is still sending (bounded in bytes
    // and time), so that a response sent before the whole request was read (413, 408, ...)
    // reaches it instead of being lost to a TCP reset.
    if (!ec) {
      std::array<char, 16 * 1024> scratch;
      std::size_t drained = 0;
      dog.timed_out = false;
      dog.arm(socket, Clock::now() + std::chrono::seconds(1));
      while (drained < 4 * 1024 * 1024) {
        const std::size_t n =
            co_await socket.async_read_some(asio::buffer(scratch), asio::redirect_error(use_awaitable, ec));
        if (ec) break;
        drained += n;
      }
      dog.disarm();
    }
    socket.close(ec);
  }

  awaitable<void> write_response(tcp::socket& socket, Watchdog& dog, const Request& req, Response res,
                                 bool keep_alive, unsigned version) {
    res.set("Connection", keep_alive ? "keep-alive" : "close");
    // Says when an idle connection will be closed (the header timeout), so that a client
    // stops reusing it before then instead of racing the close with its next request.
    if (keep_alive) res.set("Keep-Alive", keep_alive_);
    dog.timed_out = false;
    dog.arm(socket, Clock::now() + std::chrono::seconds(30));
    boost::system::error_code ec;
    if (res.file) {
      bhttp::response<bhttp::file_body> out{static_cast<bhttp::status>(res.status), version};
      for (auto& [k, v] : res.headers) out.set(k, v);
      out.body().open(res.file->c_str(), beast::file_mode::scan, ec);
      if (ec) {
        dog.disarm();
        Response err = render_(req, std::nullopt);
        err.set("Connection", "close");
        co_await write_response(socket, dog, req, std::move(err), false, version);
        co_return;
      }
      out.prepare_payload();
      if (req.method == "HEAD") out.body().close();
      co_await bhttp::async_write(socket, out, asio::redirect_error(use_awaitable, ec));
    } else {
      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
      for (auto& [k, v] : res.headers) out.set(k, v);
      out.body() = std::move(res.body);
      out.prepare_payload();
      if (req.method == "HEAD") out.body().clear();
      co_await bhttp::async_write(socket, out, asio::redirect_error(use_awaitable, ec));
    }
    dog.disarm();
  }

  void log_request(const Request& req, int status, Clock::time_point start) const {
    std::string_view shown = req.path;
    for (const auto& p : opts_.secret_path_prefixes)
      if (shown.starts_with(p)) {
        shown = p;  // never log what follows: it is a secret (e.g. a receipt)
        break;
      }
    auto ms = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count() / 1000.0;
    spdlog::info("{} {} {}{} {} {:.1f}ms", req.remote_ip, req.method, shown, shown.size() < req.path.size() ? "…" : "",
                 status, ms);
  }

  // Reads, handles and answers one request. Returns whether the connection stays open.
  awaitable<bool> one_request(tcp::socket& socket, beast::flat_buffer& buffer, Watchdog& dog, const std::string& ip) {
    bhttp::request_parser<bhttp::buffer_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opts_.max_header_bytes));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // limits are per route, enforced below

    const auto start = Clock::now();
    const auto request_deadline = start + opts_.request_timeout;
    Request req;
    req.remote_ip = ip;

    boost::system::error_code ec;
    dog.timed_out = false;
    dog.arm(socket, start + opts_.header_timeout);
    co_await bhttp::async_read_header(socket, buffer, parser, asio::redirect_error(use_awaitable, ec));
    dog.disarm();
    const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
    auto fail_with = [&](ErrorCode f) -> awaitable<bool> {
      Response r = render_(req, f);
      log_request(req, r.status, start);
      co_await write_response(socket, dog, req, std::move(r), false, version);
      co_return false;
    };
    if (ec) {
      if (dog.timed_out) {
        if (buffer.size() == 0 && !parser.got_some()) co_return false;  // idle keep-alive: just close
        co_return co_await fail_with(ErrorCode::request_timeout);
      }
      if (ec == bhttp::error::header_limit) co_return co_await fail_with(ErrorCode::header_too_large);
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
          ec == asio::error::operation_aborted)
        co_return false;
      spdlog::warn("bad request head: {}", ec.message());
      co_return co_await fail_with(ErrorCode::bad_request);
    }

    auto& head = parser.get();
    req.method = std::string(head.method_string());
    req.target = std::string(head.target());
    for (const auto& f : head) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    std::string_view target = req.target;
    std::size_t q = target.find('?');
    auto path = url_decode(target.substr(0, q), false);
    if (!path || path->empty() || path->front() != '/' || path->find('\0') != std::string::npos)
      co_return co_await fail_with(ErrorCode::bad_request);
    req.path = *path;
    if (q != std::string_view::npos) req.query = parse_urlencoded(target.substr(q + 1));

    bool keep_alive = head.keep_alive();
    if (version < 11 && parser.chunked()) co_return co_await fail_with(ErrorCode::bad_request);

    auto m = router_->match(req.method, req.path, req.params);
    if (!m.handler)
      co_return co_await fail_with(m.path_known ? ErrorCode::method_not_allowed : ErrorCode::not_found);

    const bool has_body = parser.chunked() || (parser.content_length() && *parser.content_length() > 0);
    // An empty multipart body lacks even its closing delimiter.
    if (!has_body && m.body->multipart && req.content_type() == "multipart/form-data")
      co_return co_await fail_with(ErrorCode::malformed_multipart);
    if (has_body) {
      const BodyPolicy& policy = *m.body;
      const std::string ct = req.content_type();
      const bool buffered = (ct == "application/json" && policy.json) ||
                            (ct == "application/x-www-form-urlencoded" && policy.urlencoded);
      std::optional<std::string> boundary;
      if (!buffered && policy.multipart) boundary = multipart_boundary(req.header("content-type"));
      if (!buffered && !boundary) {
        if (ct == "multipart/form-data" && policy.multipart) co_return co_await fail_with(ErrorCode::malformed_multipart);
        co_return co_await fail_with(ErrorCode::unsupported_media_type);
      }
      const std::uint64_t max = buffered ? policy.max_json_bytes : policy.max_total_bytes;
      if (parser.content_length() && *parser.content_length() > max)
        co_return co_await fail_with(ErrorCode::body_too_large);

      std::optional<UploadSink> sink;
      std::optional<MultipartParser> mp;
      if (boundary) {
        sink.emplace(req, policy, opts_.upload_dir);
        mp.emplace(*boundary, MultipartParser::Callbacks{[&](const PartHeaders& h) { return sink->begin(h); },
                                                         [&](std::string_view d) { return sink->data(d); },
                                                         [&] { return sink->end(); }});
      }
      std::vector<char> chunk(64 * 1024);
      std::uint64_t total = 0;
      std::optional<ErrorCode> fault;
      while (!parser.is_done()) {
        auto& body = parser.get().body();
        body.data = chunk.data();
        body.size = chunk.size();
        dog.timed_out = false;
        dog.arm(socket, std::min(Clock::now() + opts_.body_timeout, request_deadline));
        co_await bhttp::async_read_some(socket, buffer, parser, asio::redirect_error(use_awaitable, ec));
        dog.disarm();
        if (ec == bhttp::error::need_buffer) ec = {};
        if (ec) {
          if (dog.timed_out) fault = ErrorCode::request_timeout;
          else if (ec == bhttp::error::partial_message || ec == asio::error::eof || ec == asio::error::connection_reset)
          {
            cleanup(req);
            co_return false;  // the client went away
          }
          else {
            spdlog::warn("body read failed: {}", ec.message());
            fault = ErrorCode::bad_request;
          }
          break;
        }
        const std::size_t n = chunk.size() - body.size;
        total += n;
        if (total > max) {
          fault = ErrorCode::body_too_large;
          break;
        }
        if (mp) {
          if (!mp->feed(std::string_view(chunk.data(), n))) {
            fault = sink->fault ? *sink->fault : ErrorCode::malformed_multipart;
            break;
          }
        } else {
          req.body.append(chunk.data(), n);
        }
      }
      if (!fault && mp && !mp->finish()) fault = ErrorCode::malformed_multipart;
      if (!fault && ct == "application/x-www-form-urlencoded") req.form = parse_urlencoded(req.body);
      if (fault) {
        cleanup(req);
        co_return co_await fail_with(*fault);
      }
    }

    Response res;
    try {
      const Handler* h = m.handler;
      res = co_await asio::co_spawn(
          workers_, [h, &req]() -> awaitable<Response> { co_return (*h)(req); }, use_awaitable);
    } catch (const std::exception& e) {
      spdlog::error("handler failed on {} {}: {}", req.method, req.path, e.what());
      res = render_(req, std::nullopt);
      keep_alive = false;
    }
    cleanup(req);
    log_request(req, res.status, start);
    co_await write_response(socket, dog, req, std::move(res), keep_alive, version);
    co_return keep_alive;
  }

  static void cleanup(Request& req) {
    for (const auto& f : req.files) {
      std::error_code ec;
      std::filesystem::remove(f.path, ec);
    }
    req.files.clear();
  }

  ServerOptions opts_;
  const std::string keep_alive_;  // the Keep-Alive header's value: the idle (header) timeout
  std::shared_ptr<const Router> router_;
  FaultRenderer render_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  asio::signal_set signals_;
};

}  // namespace

ServerPtr make_server(ServerOptions options, std::shared_ptr<const Router> router, FaultRenderer render_fault) {
  return std::make_unique<BeastServer>(std::move(options), std::move(router), std::move(render_fault));
}

}  // namespace netral::http
