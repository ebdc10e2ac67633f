#include "xipsim/gdb/tcp_channel.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace xipsim::gdb {

namespace {
class TcpChannel : public Channel {
 public:
  explicit TcpChannel(int fd) : fd_(fd) {}
  ~TcpChannel() override { close(fd_); }
  int read_byte(int timeout_ms) override {
    if (closed_) return kClosed;
    pollfd p{fd_, POLLIN, 0};
    const int ready = poll(&p, 1, timeout_ms);
    if (ready == 0) return kNone;
    if (ready < 0) return errno == EINTR ? kNone : (closed_ = true, kClosed);
    std::uint8_t b = 0;
    const ssize_t n = recv(fd_, &b, 1, 0);
    if (n == 1) return b;
    closed_ = true;
    return kClosed;
  }
  void write(const std::string& bytes) override {
    std::size_t done = 0;
    while (!closed_ && done < bytes.size()) {
      const ssize_t n = send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0)
        closed_ = true;
      else
        done += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_;
  bool closed_ = false;
};
}  // namespace

std::optional<unsigned> parse_listen_address(const std::string& spec) {
  std::string s = spec;
  for (const char* prefix : {"tcp::", "tcp:", ":"})
    if (s.rfind(prefix, 0) == 0) {
      s = s.substr(std::strlen(prefix));
      break;
    }
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const unsigned port = static_cast<unsigned>(std::stoul(s));
  if (port > 65535) return std::nullopt;
  return port;
}

TcpListener::TcpListener(unsigned port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error(fmt::format("GDB port: socket(): {}", strerror(errno)));
  const int one = 1;
  setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 1) != 0) {
    const std::string why = strerror(errno);
    close(fd_);
    throw std::runtime_error(fmt::format("GDB port {}: cannot listen there ({})", port, why));
  }
  socklen_t len = sizeof a;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
}

TcpListener::~TcpListener() {
  if (fd_ >= 0) close(fd_);
}

std::unique_ptr<Channel> TcpListener::accept(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return nullptr;
  const int c = ::accept(fd_, nullptr, nullptr);
  if (c < 0) return nullptr;
  const int one = 1;
  setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return std::make_unique<TcpChannel>(c);
}

}  // namespace xipsim::gdb
