#include "host_port.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "xipsim/core/errors.h"
#include "xipsim/core/yaml_reader.h"

namespace xipsim::tools {

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop = true;
}

// The termios speed constants as bits per second.
double speed_of(speed_t s) {
  static const std::pair<speed_t, double> kSpeeds[] = {
      {B9600, 9600},     {B19200, 19200},   {B38400, 38400},   {B57600, 57600},
      {B115200, 115200}, {B230400, 230400}, {B460800, 460800}, {B921600, 921600},
      {B1000000, 1e6},   {B2000000, 2e6},   {B4000000, 4e6}};
  for (const auto& [code, bps] : kSpeeds)
    if (code == s) return bps;
  return 115200;
}

class Named : public boot::HostSerial {
 public:
  virtual std::string name() const = 0;
};

// The master side of a pseudo-terminal; its slave is kept open here too so that the terminal
// lives while host tools come and go. Raw mode, so no byte is translated.
class PtyPort : public Named {
 public:
  PtyPort() {
    master_ = posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0)
      throw InputError(
          fmt::format("--uart pty: cannot create a pseudo-terminal ({})", std::strerror(errno)));
    name_ = ptsname(master_);
    slave_ = open(name_.c_str(), O_RDWR | O_NOCTTY);
    termios t{};
    tcgetattr(slave_, &t);
    cfmakeraw(&t);
    cfsetspeed(&t, B115200);
    tcsetattr(slave_, TCSANOW, &t);
    fcntl(master_, F_SETFL, fcntl(master_, F_GETFL) | O_NONBLOCK);
  }
  ~PtyPort() override {
    close(slave_);
    close(master_);
  }
  bool receive(std::string& bytes) override {
    char buf[4096];
    for (;;) {
      const ssize_t n = read(master_, buf, sizeof buf);
      if (n <= 0) break;
      bytes.append(buf, static_cast<std::size_t>(n));
    }
    return !g_stop;
  }
  void send(const std::string& bytes) override {
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = write(master_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;  // nobody reads and the buffer is full: the bytes are lost, as on a wire
      done += static_cast<std::size_t>(n);
    }
  }
  double baud() const override {
    termios t{};
    return tcgetattr(slave_, &t) == 0 ? speed_of(cfgetospeed(&t)) : 115200;
  }
  std::string name() const override { return name_; }

 private:
  int master_ = -1, slave_ = -1;
  std::string name_;
};

// One client on a loopback TCP port; its bytes go out at `baud`.
class TcpPort : public Named {
 public:
  TcpPort(unsigned port, double baud) : baud_(baud) {
    listen_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listen_, 1) != 0)
      throw InputError(fmt::format("--uart tcp:{}: cannot listen on 127.0.0.1:{} ({})", port, port,
                                   std::strerror(errno)));
    socklen_t len = sizeof a;
    getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    fcntl(listen_, F_SETFL, fcntl(listen_, F_GETFL) | O_NONBLOCK);
  }
  ~TcpPort() override {
    if (client_ >= 0) close(client_);
    close(listen_);
  }
  bool receive(std::string& bytes) override {
    if (client_ < 0) {
      client_ = accept(listen_, nullptr, nullptr);
      if (client_ >= 0) fcntl(client_, F_SETFL, fcntl(client_, F_GETFL) | O_NONBLOCK);
      return !g_stop;
    }
    char buf[4096];
    for (;;) {
      const ssize_t n = recv(client_, buf, sizeof buf, 0);
      if (n == 0) return false;  // the client closed the connection
      if (n < 0) break;
      bytes.append(buf, static_cast<std::size_t>(n));
    }
    return !g_stop;
  }
  void send(const std::string& bytes) override {
    if (client_ >= 0) ::send(client_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }
  double baud() const override { return baud_; }
  std::string name() const override { return fmt::format("127.0.0.1:{}", port_); }

 private:
  int listen_ = -1, client_ = -1;
  unsigned port_ = 0;
  double baud_;
};
}  // namespace

std::unique_ptr<boot::HostSerial> open_host_port(const std::string& spec, double host_baud) {
  if (spec == "pty") return std::make_unique<PtyPort>();
  if (spec.rfind("tcp:", 0) == 0) {
    const auto port = parse_unsigned(spec.substr(4));
    if (port && *port <= 65535)
      return std::make_unique<TcpPort>(static_cast<unsigned>(*port), host_baud);
  }
  throw InputError(fmt::format(
      "--uart '{}': expected pty (a pseudo-terminal) or tcp:PORT (loopback; tcp:0 picks one)",
      spec));
}

std::string host_port_name(const boot::HostSerial& port) {
  return static_cast<const Named&>(port).name();
}

void stop_on_signals() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

}  // namespace xipsim::tools
