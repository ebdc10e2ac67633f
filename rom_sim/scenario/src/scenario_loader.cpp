#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "xipsim/boot/boot_args.h"
#include "xipsim/boot/rom_log.h"
#include "xipsim/chips/chip_catalog.h"
#include "xipsim/core/data_dir.h"
#include "xipsim/core/duration.h"
#include "xipsim/core/errors.h"
#include "xipsim/core/names.h"
#include "xipsim/core/yaml_reader.h"
#include "xipsim/flash/part_loader.h"
#include "xipsim/gdb/tcp_channel.h"
#include "xipsim/image/loaded_file.h"
#include "xipsim/scenario/scenario.h"

namespace xipsim::scenario {

namespace fs = std::filesystem;

std::string corpus_dir() {
  if (const char* env = std::getenv("XIPSIM_CORPUS_DIR"); env && *env) return env;
  return xipsim::data_dir() + "/../shared/corpus";
}

// The test firmware (tests/firmware) as the build puts it.
std::string firmware_dir() {
  if (const char* env = std::getenv("XIPSIM_FIRMWARE_DIR"); env && *env) return env;
  return xipsim::data_dir() + "/build/tests/firmware";
}

namespace {

const std::vector<std::string> kStepKinds = {"power_on",    "warm_reset",  "boot",
                                             "program",     "flashloader", "iap",
                                             "leave_flash", "read",        "run"};

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {
    dir_ = fs::path(path_).parent_path().string();
    if (dir_.empty()) dir_ = ".";
  }

  Scenario load() {
    const YamlMap top(load_yaml_file(path_), path_, "");
    top.allow_only(
        {"name", "description", "field_failure", "twin", "board", "images", "steps", "expect"});
    s_.file = path_;
    s_.name = top.opt_str("name").value_or(fs::path(path_).stem().string());
    s_.description = top.opt_str("description").value_or("");
    s_.field_failure = top.opt_str("field_failure").value_or("");
    s_.twin = top.opt_str("twin").value_or("");
    board(top.map("board"));
    for (const YamlMap& m : top.map_list("images"))
      image(m);
    steps(top);
    if (auto e = top.opt_map("expect")) expect(*e);
    return std::move(s_);
  }

 private:
  std::string resolve(const std::string& file) const {
    if (file.rfind("$CORPUS/", 0) == 0)
      return (fs::path(corpus_dir()) / file.substr(8)).lexically_normal().string();
    if (file.rfind("$FIRMWARE/", 0) == 0)
      return (fs::path(firmware_dir()) / file.substr(10)).lexically_normal().string();
    if (fs::path(file).is_absolute()) return file;
    return (fs::path(dir_) / file).lexically_normal().string();
  }

  std::vector<std::uint8_t> read_file(const YamlMap& m, const std::string& key) const {
    const std::string path = resolve(m.str(key));
    std::ifstream in(path, std::ios::binary);
    if (!in) m.fail(key, fmt::format("a readable file (tried {})", path));
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // "D1 00 20 41" or "D1002041"
  static std::optional<std::vector<std::uint8_t>> hex_bytes(const std::string& text) {
    std::string digits;
    for (char c : text)
      if (!std::isspace(static_cast<unsigned char>(c))) digits.push_back(c);
    if (digits.empty() || digits.size() % 2) return std::nullopt;
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
      const auto v = parse_unsigned("0x" + digits.substr(i, 2));
      if (!v) return std::nullopt;
      out.push_back(static_cast<std::uint8_t>(*v));
    }
    return out;
  }
  std::vector<std::uint8_t> bytes(const YamlMap& m, const std::string& key) const {
    const auto b = hex_bytes(m.str(key));
    if (!b) m.fail(key, "hex bytes such as \"D1 00 20 41\"");
    return *b;
  }

  // Data from exactly one of: file (+ from, size), bytes, words, fill (+ size).
  std::vector<std::uint8_t> data(const YamlMap& m) const {
    const int sources = m.has("file") + m.has("bytes") + m.has("words") + m.has("fill");
    if (sources != 1) m.fail("file", "exactly one of file, bytes, words or fill");
    if (m.has("file")) {
      std::vector<std::uint8_t> d = read_file(m, "file");
      const std::uint64_t from = m.opt_u64("from").value_or(0);
      if (from > d.size())
        m.fail("from", fmt::format("an offset inside the file ({} bytes)", d.size()));
      const std::uint64_t size = m.opt_u64("size").value_or(d.size() - from);
      if (from + size > d.size())
        m.fail("size",
               fmt::format("at most {} bytes (the file has {})", d.size() - from, d.size()));
      return {d.begin() + static_cast<std::ptrdiff_t>(from),
              d.begin() + static_cast<std::ptrdiff_t>(from + size)};
    }
    if (m.has("bytes")) return bytes(m, "bytes");
    if (m.has("words")) {
      std::vector<std::uint8_t> d;
      const YAML::Node list = m.node()["words"];
      if (!list.IsSequence()) m.fail("words", "a list of 32-bit numbers (stored little-endian)");
      for (const auto& w : list) {
        const auto v = w.IsScalar() ? parse_unsigned(w.Scalar()) : std::nullopt;
        if (!v || *v > 0xFFFFFFFFull)
          throw InputError(
              fmt::format("{}: field '{}.words': expected 32-bit numbers", m.where(w), m.path()));
        for (unsigned b = 0; b < 4; ++b)
          d.push_back(static_cast<std::uint8_t>(*v >> (8 * b)));
      }
      return d;
    }
    const std::uint64_t fill = m.u64("fill");
    if (fill > 0xFF) m.fail("fill", "a byte value 0..0xFF");
    return std::vector<std::uint8_t>(static_cast<std::size_t>(m.u64("size")),
                                     static_cast<std::uint8_t>(fill));
  }

  static std::uint32_t u32(const YamlMap& m, const std::string& key) {
    const std::uint64_t v = m.u64(key);
    if (v > 0xFFFFFFFFull) m.fail(key, "a 32-bit number");
    return static_cast<std::uint32_t>(v);
  }

  void board(const YamlMap& b) {
    b.allow_only({"chip", "boot_mode", "boot_cfg", "fuses", "seed", "flash", "signals"});
    boot::BootRequest& r = s_.request;
    r.chip = b.str("chip");
    const auto& cat = chips::ChipCatalog::builtin();
    if (!cat.find(r.chip)) {
      const std::string near = closest_match(r.chip, cat.names());
      b.fail("chip",
             "a chip profile name" + (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    if (b.has("boot_mode"))
      r.boot_mode = wrap(b, "boot_mode",
                         [&] { return boot::parse_boot_mode(b.str("boot_mode"), "boot_mode"); });
    if (b.has("boot_cfg")) r.boot_cfg_pins = u32(b, "boot_cfg");
    r.seed = b.opt_u64("seed").value_or(1);
    if (auto f = b.opt_map("fuses")) {
      for (const auto& kv : f->node()) {
        const std::string text = kv.first.Scalar() + "=" + kv.second.Scalar();
        try {
          const auto [word, value] = boot::parse_fuse(text, "fuse");
          r.fuses[word] = value;
        } catch (const InputError& e) {
          throw InputError(fmt::format("{}: field 'board.fuses.{}': {}", f->where(kv.first),
                                       kv.first.Scalar(), e.what()));
        }
      }
    }
    const YAML::Node fl = b.node()["flash"];
    if (!fl || fl.IsNull()) b.fail("flash", "a flash part (a mapping) or a list of them");
    if (fl.IsMap()) {
      flash(YamlMap(fl, path_, "board.flash"), 0);
    } else {
      std::size_t i = 0;
      for (const YamlMap& m : b.map_list("flash"))
        flash(m, i++);
    }
    if (auto sig = b.opt_map("signals")) signals(*sig);
  }

  template <typename F>
  auto wrap(const YamlMap& m, const std::string& key, F f) -> decltype(f()) {
    try {
      return f();
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: field '{}': {}", m.where(m.node()[key]),
                                   m.path().empty() ? key : m.path() + "." + key, e.what()));
    }
  }

  void flash(const YamlMap& f, std::size_t index) {
    f.allow_only({"part", "port", "quad_enable", "registers", "left_in", "contents"});
    boot::FlashArg a = wrap(f, "part", [&] {
      return boot::parse_flash_arg(f.str("part") + (f.has("port") ? "@" + f.str("port") : ""),
                                   "port");
    });
    const std::vector<std::string> parts = flash::list_parts();
    if (const auto known = find_name(a.part, parts)) {
      a.part = parts[*known];  // part names are case-insensitive
    } else {
      const std::string near = closest_match(a.part, parts);
      f.fail("part", "a part in flash_models/parts" +
                         (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    boot::BootRequest& r = s_.request;
    if (index > 0 && (f.has("quad_enable") || f.has("registers") || f.has("left_in")))
      f.fail(f.has("quad_enable") ? "quad_enable"
             : f.has("registers") ? "registers"
                                  : "left_in",
             "this setting only on the first flash part (the boot flash)");
    r.quad_enable = f.boolean("quad_enable", r.quad_enable);
    if (auto regs = f.opt_map("registers"))
      for (const auto& kv : regs->node()) {
        const auto v = kv.second.IsScalar() ? parse_unsigned(kv.second.Scalar()) : std::nullopt;
        if (!v) regs->fail(kv.first.Scalar(), "a register value");
        r.flash_registers[kv.first.Scalar()] = static_cast<std::uint32_t>(*v);
      }
    if (f.has("left_in")) r.leftover = leftover(f, "left_in");
    r.flashes.push_back(a);
    for (const YamlMap& c : f.map_list("contents")) {
      c.allow_only({"offset", "file", "from", "size", "bytes", "words", "fill"});
      boot::FlashPatch p;
      p.flash = index;
      p.offset = c.u64("offset");
      p.data = data(c);
      p.source = c.has("file") ? c.str("file") : c.where(c.node());
      r.patches.push_back(std::move(p));
    }
  }

  soc::FlashLeftover leftover(const YamlMap& m, const std::string& key) {
    std::string modes;
    for (const std::string& mode : m.str_list(key))
      modes += (modes.empty() ? "" : ",") + mode;
    return wrap(m, key, [&] { return soc::parse_flash_leftover(modes); });
  }

  void signals(const YamlMap& sig) {
    sig.allow_only({"dqs", "trace_sclk", "trace_data", "dqs_load_pf", "pull_up"});
    boot::BootRequest& r = s_.request;
    if (sig.has("dqs")) {
      const auto d = board::parse_dqs_pad_use(sig.str("dqs"));
      if (!d) sig.fail("dqs", "floating, loaded or driven");
      r.dqs = *d;
    }
    auto duration = [&](const std::string& key, Picoseconds& out) {
      if (!sig.has(key)) return;
      const auto d = parse_duration(sig.str(key));
      if (!d) sig.fail(key, "a duration such as 350ps or 1.2ns");
      out = *d;
    };
    duration("trace_sclk", r.board.trace_sclk);
    duration("trace_data", r.board.trace_data);
    if (sig.has("dqs_load_pf")) r.board.dqs_load_pf = sig.number("dqs_load_pf");
    if (sig.has("pull_up")) {
      const std::uint64_t v = sig.u64("pull_up");
      if (v > 0xFF) sig.fail("pull_up", "a mask of IO0..IO7 (0..0xFF)");
      r.pull_up = static_cast<std::uint16_t>(v);
    }
  }

  void image(const YamlMap& m) {
    m.allow_only({"file", "format", "address", "offset"});
    boot::ImageArg a;
    a.path = resolve(m.str("file"));
    if (m.has("address") && m.has("offset")) m.fail("offset", "either address or offset, not both");
    if (m.has("address")) a.at = m.u64("address");
    if (m.has("offset")) a.at = m.u64("offset");
    if (m.has("format")) {
      const std::string want = m.str("format");
      const image::LoadedFile file = wrap(m, "file", [&] { return image::load_file(a.path); });
      if (want != "auto" && want != image::format_name(file.format))
        m.fail("format",
               fmt::format("the file's format ({}) or auto", image::format_name(file.format)));
    }
    s_.request.images.push_back(a);
  }

  void steps(const YamlMap& top) {
    if (!top.has("steps")) return;  // default: [power_on, boot]
    const YAML::Node list = top.node()["steps"];
    if (!list.IsSequence()) top.fail("steps", "a list of steps");
    std::size_t i = 0;
    for (const auto& item : list) {
      const std::string path = fmt::format("steps[{}]", i++);
      boot::SessionStep st;
      StepExpect ex;
      if (item.IsScalar()) {
        st.kind = simple_kind(top, item, path);
      } else {
        const YamlMap m(item, path_, path);
        std::vector<std::string> allowed = kStepKinds;
        allowed.push_back("expect");
        allowed.push_back("label");
        m.allow_only(allowed);
        std::string kind;
        for (const auto& kv : item)
          if (kv.first.Scalar() != "expect" && kv.first.Scalar() != "label") {
            if (!kind.empty()) m.fail(kv.first.Scalar(), "one step kind per list entry");
            kind = kv.first.Scalar();
          }
        if (kind.empty()) m.fail("boot", "a step kind: " + join(kStepKinds));
        step(m, kind, st);
        if (m.has("label")) st.label = m.str("label");
        if (auto e = m.opt_map("expect")) ex = step_expect(*e);
      }
      s_.request.steps.push_back(std::move(st));
      s_.step_expects.push_back(std::move(ex));
    }
  }

  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
      out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  boot::SessionStep::Kind simple_kind(const YamlMap& top, const YAML::Node& item,
                                      const std::string& path) {
    const std::string k = lowercase(item.Scalar());  // step names are case-insensitive
    if (k == "power_on") return boot::SessionStep::Kind::kPowerOn;
    if (k == "warm_reset") return boot::SessionStep::Kind::kWarmReset;
    if (k == "boot") return boot::SessionStep::Kind::kBoot;
    const std::string near = closest_match(k, kStepKinds);
    throw InputError(fmt::format(
        "{}: field '{}': '{}' is not a step{}; steps without arguments "
        "are power_on, warm_reset, boot",
        top.where(item), path, k, near.empty() ? "" : " (did you mean '" + near + "'?)"));
  }

  void step(const YamlMap& m, const std::string& kind, boot::SessionStep& st) {
    using K = boot::SessionStep::Kind;
    if (kind == "power_on" || kind == "warm_reset" || kind == "boot") {
      if (!m.node()[kind].IsNull()) m.fail(kind, "no arguments (write '- " + kind + "')");
      st.kind = kind == "boot" ? K::kBoot : kind == "power_on" ? K::kPowerOn : K::kWarmReset;
    } else if (kind == "leave_flash") {
      st.kind = K::kLeaveFlash;
      st.leftover = leftover(m, "leave_flash");
      st.label = "leave_flash: " + soc::describe(st.leftover);
    } else if (kind == "flashloader") {
      flashloader_step(m, st);
    } else if (kind == "program") {
      program_step(m, st);
    } else if (kind == "read") {
      read_step(m, st);
    } else if (kind == "iap") {
      iap_step(m, st);
    } else if (kind == "run") {
      run_step(m, st);
    }
  }

  // run: {for: 2s, until: 0x60002345 | "uart:TEXT", wall_limit: 60, fast_forward: true,
  //       gdb: tcp::3333, trace_instructions: 20}
  void run_step(const YamlMap& m, boot::SessionStep& st) {
    st.kind = boot::SessionStep::Kind::kRun;
    const YamlMap p = m.map("run");
    p.allow_only({"for", "until", "wall_limit", "fast_forward", "max_resets", "input", "gdb",
                  "trace_instructions"});
    const auto d = parse_duration(p.str("for"));
    if (!d || *d == 0) p.fail("for", "a duration such as 100ms or 2s");
    st.run.duration = *d;
    if (p.has("wall_limit")) st.run.wall_seconds = p.number("wall_limit");
    st.run.fast_forward = p.boolean("fast_forward", true);
    if (p.has("max_resets")) st.run.max_resets = static_cast<unsigned>(p.u64("max_resets"));
    if (p.has("trace_instructions"))
      st.run.trace_instructions = static_cast<unsigned>(p.u64("trace_instructions"));
    if (const auto g = p.opt_str("gdb")) {
      st.run.gdb_port = gdb::parse_listen_address(*g);
      if (!st.run.gdb_port)
        p.fail("gdb", "tcp::PORT, a TCP port on this machine (tcp::0: any free one)");
    }
    if (const auto until = p.opt_str("until"))
      wrap(p, "until", [&] {
        boot::parse_run_until(*until, "until", st.run);
        return 0;
      });
    if (p.has("input"))
      for (const auto& in : p.map_list("input")) {
        in.allow_only({"at", "text"});
        const auto at = parse_duration(in.str("at"));
        if (!at) in.fail("at", "a time into the run such as 20ms");
        if (in.str("text").empty()) in.fail("text", "the bytes to send (not empty)");
        st.run.console_input.push_back(boot::ConsoleInput{*at, in.str("text")});
      }
    st.label = "run for " + p.str("for");
  }

  void flashloader_step(const YamlMap& m, boot::SessionStep& st) {
    using K = boot::SessionStep::Kind;
    st.kind = K::kFlashloader;
    st.command = wrap(m, "flashloader", [&] { return host::parse_blhost(m.str("flashloader")); });
    if (st.command.name == "write-memory" && st.command.data.empty()) {
      std::string file = st.command.args[1];
      std::optional<std::uint64_t> count;
      if (const auto comma = file.find(','); comma != std::string::npos) {
        count = parse_unsigned(file.substr(comma + 1));
        if (!count) m.fail("flashloader", "write-memory <address> <file>[,<byte_count>]");
        file = file.substr(0, comma);
      }
      std::ifstream in(resolve(file), std::ios::binary);
      if (!in)
        m.fail("flashloader",
               fmt::format("a readable file for write-memory (tried {})", resolve(file)));
      st.command.data.assign(std::istreambuf_iterator<char>(in), {});
      if (count && *count < st.command.data.size()) st.command.data.resize(*count);
    }
    st.label = "flashloader: " + st.command.text;
  }

  void program_step(const YamlMap& m, boot::SessionStep& st) {
    using K = boot::SessionStep::Kind;
    st.kind = K::kProgram;
    const YamlMap p = m.map("program");
    p.allow_only(
        {"algorithm", "file", "from", "size", "bytes", "address", "offset", "verify", "instance"});
    const auto alg = host::parse_algorithm(p.str("algorithm"));
    if (!alg) p.fail("algorithm", "qspi or hyperflash");
    st.program.algorithm = *alg;
    st.program.data = data(p);
    st.program.verify = p.boolean("verify", true);
    st.instance = p.opt_str("instance").value_or("");
    st.program.offset = flash_offset(p);
    st.label =
        fmt::format("program ({}) at flash offset 0x{:X}", p.str("algorithm"), st.program.offset);
  }

  void read_step(const YamlMap& m, boot::SessionStep& st) {
    using K = boot::SessionStep::Kind;
    st.kind = K::kRead;
    const YamlMap p = m.map("read");
    p.allow_only({"address", "size"});
    st.read_address = p.u64("address");
    st.read_size = p.u64("size");
    if (st.read_size == 0 || st.read_size > 65536) p.fail("size", "1..65536 bytes");
    st.label = fmt::format("read {} bytes at 0x{:08X}", st.read_size, st.read_address);
  }

  void iap_step(const YamlMap& m, boot::SessionStep& st) {
    using K = boot::SessionStep::Kind;
    st.kind = K::kIap;
    const YamlMap p = m.map("iap");
    p.allow_only({"instance", "erase", "program", "code_address", "clear_cache", "read_before"});
    st.instance = p.opt_str("instance").value_or("");
    if (auto e = p.opt_map("erase")) {
      e->allow_only({"offset", "size"});
      st.iap.erase_offset = u32(*e, "offset");
      st.iap.erase_size = u32(*e, "size");
    }
    if (auto w = p.opt_map("program")) {
      w->allow_only({"offset", "file", "from", "size", "bytes", "words", "fill"});
      st.iap.program_offset = u32(*w, "offset");
      st.iap.data = data(*w);
    }
    st.iap.code_address = p.u64("code_address");
    st.iap.clear_cache = p.boolean("clear_cache", false);
    st.iap.read_before = p.boolean("read_before", true);
    st.label = fmt::format("iap: update 0x{:X} while running from 0x{:08X}", st.iap.program_offset,
                           st.iap.code_address);
  }

  // program.address (a bus address in the instance's window) or program.offset.
  std::uint32_t flash_offset(const YamlMap& p) {
    if (p.has("offset") == p.has("address")) p.fail("address", "either address or offset");
    if (p.has("offset")) return u32(p, "offset");
    const auto& chip = chips::ChipCatalog::builtin().get(s_.request.chip);
    const std::uint64_t a = p.u64("address");
    const auto* inst = chip.instance_at(a);
    if (!inst)
      p.fail("address", fmt::format("an address inside a FlexSPI window of {}", chip.name));
    return static_cast<std::uint32_t>(a - inst->ahb.base);
  }

  static std::uint32_t rom_code(const YamlMap& m, const YAML::Node& n, const std::string& key) {
    static const std::uint32_t kCodes[] = {
        boot::romlog::kBootModeFuse,         boot::romlog::kBootModeSerial,
        boot::romlog::kBootModeInternal,     boot::romlog::kBootModeTest,
        boot::romlog::kSecConfigFab,         boot::romlog::kSecConfigOpen,
        boot::romlog::kSecConfigClosed,      boot::romlog::kBtFuseSel0,
        boot::romlog::kBtFuseSel1,           boot::romlog::kPrimaryImage,
        boot::romlog::kSecondaryImage,       boot::romlog::kBootDeviceFlexspiNor,
        boot::romlog::kDeviceInitCall,       boot::romlog::kDeviceInitPass,
        boot::romlog::kDeviceInitFail,       boot::romlog::kReadDataCall,
        boot::romlog::kReadDataPass,         boot::romlog::kReadDataFail,
        boot::romlog::kAuthenticationStatus, boot::romlog::kPluginCall,
        boot::romlog::kPluginPass,           boot::romlog::kPluginFail,
        boot::romlog::kProgramImageCall,     boot::romlog::kSdpEntry};
    if (n.IsScalar()) {
      if (const auto v = parse_unsigned(n.Scalar())) return static_cast<std::uint32_t>(*v);
      std::vector<std::string> names;
      for (std::uint32_t c : kCodes) {
        if (same_name(boot::romlog::name(c), n.Scalar())) return c;
        names.push_back(boot::romlog::name(c));
      }
      const std::string near = closest_match(n.Scalar(), names);
      throw InputError(fmt::format("{}: field '{}.{}': '{}' is not a ROM log code{}", m.where(n),
                                   m.path(), key, n.Scalar(),
                                   near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    m.fail(key, "ROM log codes (names such as DEVICE_INIT_PASS or numbers)");
  }

  static std::vector<std::string> strings(const YamlMap& m, const std::string& key) {
    if (!m.has(key)) return {};
    if (m.node()[key].IsScalar()) return {m.str(key)};
    return m.str_list(key);
  }

  BootExpect boot_expect(const YamlMap& e) {
    BootExpect b;
    if (e.has("verdict")) {
      b.verdict = e.str("verdict");
      if (*b.verdict != "booted" && *b.verdict != "serial_downloader" && *b.verdict != "hang" &&
          *b.verdict != "error")
        e.fail("verdict", "booted, serial_downloader, hang or error");
    }
    if (e.has("failed_step")) b.failed_step = e.str("failed_step");
    if (e.has("entry")) b.entry = u32(e, "entry");
    if (e.has("rom_log")) {
      const YAML::Node list = e.node()["rom_log"];
      if (!list.IsSequence()) e.fail("rom_log", "a list of ROM log codes");
      for (const auto& n : list)
        b.rom_log.push_back(rom_code(e, n, "rom_log"));
    }
    b.hint_contains = strings(e, "hint_contains");
    b.reason_contains = strings(e, "reason_contains");
    return b;
  }

  StepExpect step_expect(const YamlMap& e) {
    e.allow_only({"status",          "ok",
                  "text_contains",   "data",
                  "values",          "verdict",
                  "failed_step",     "entry",
                  "rom_log",         "hint_contains",
                  "reason_contains", "app_verdict",
                  "uart_contains",   "gpio",
                  "fault",           "reached",
                  "resets",          "reset_source",
                  "reboot_contains", "narration_contains",
                  "narration_lacks"});
    StepExpect x;
    if (e.has("status")) x.status = static_cast<int>(e.u64("status"));
    if (e.has("ok")) x.ok = e.boolean("ok", true);
    x.text_contains = strings(e, "text_contains");
    if (e.has("data")) x.data = bytes(e, "data");
    if (e.has("values")) {
      std::vector<std::uint32_t> v;
      for (const auto& n : e.opt_u64_list("values"))
        v.push_back(static_cast<std::uint32_t>(n.value_or(0)));
      x.values = v;
    }
    x.boot = boot_expect(e);
    x.run = run_expect(e);
    return x;
  }

  RunExpect run_expect(const YamlMap& e) {
    RunExpect r;
    r.app_verdict = e.opt_str("app_verdict");
    r.uart_contains = strings(e, "uart_contains");
    r.fault = e.opt_str("fault");
    r.reached = e.opt_str("reached");
    if (e.has("resets")) r.resets = static_cast<unsigned>(e.u64("resets"));
    r.reset_source = e.opt_str("reset_source");
    r.reboot_contains = strings(e, "reboot_contains");
    r.narration_contains = strings(e, "narration_contains");
    r.narration_lacks = strings(e, "narration_lacks");
    for (const YamlMap& g : e.map_list("gpio")) {
      g.allow_only({"pin", "toggles_min", "interval", "tolerance"});
      GpioExpect x;
      x.pin = g.str("pin");
      if (x.pin == "USER_LED") {
        x.pin = chips::ChipCatalog::builtin().get(s_.request.chip).application.user_led;
        if (x.pin.empty())
          g.fail("pin", "a GPIOn_IOmm pin (chip " + s_.request.chip + " names no user LED)");
      }
      if (g.has("toggles_min")) x.toggles_min = static_cast<unsigned>(g.u64("toggles_min"));
      for (const char* k : {"interval", "tolerance"}) {
        if (!g.has(k)) continue;
        const auto d = parse_duration(g.str(k));
        if (!d) g.fail(k, "a duration such as 500ms");
        (std::string(k) == "interval" ? x.interval : x.tolerance) = *d;
      }
      r.gpio.push_back(x);
    }
    return r;
  }

  TimeBound time_bound(const YamlMap& e, const std::string& key) {
    TimeBound t;
    const YamlMap m = e.map(key);
    m.allow_only({"min", "max"});
    for (const char* k : {"min", "max"}) {
      if (!m.has(k)) continue;
      const auto d = parse_duration(m.str(k));
      if (!d) m.fail(k, "a duration such as 5ms or 120us");
      (std::string(k) == "min" ? t.min : t.max) = *d;
    }
    return t;
  }

  void expect(const YamlMap& e) {
    e.allow_only({"verdict", "failed_step", "entry", "rom_log", "hint_contains", "reason_contains",
                  "memory", "flash", "time", "boot_time"});
    s_.expect.boot = boot_expect(e);
    for (const YamlMap& m : e.map_list("memory")) {
      m.allow_only({"address", "bytes", "file", "from", "size", "words"});
      s_.expect.memory.push_back({m.u64("address"), 0, data(m), m.where(m.node())});
    }
    for (const YamlMap& m : e.map_list("flash")) {
      m.allow_only({"offset", "flash", "bytes", "file", "from", "size", "words", "fill"});
      const std::size_t f = static_cast<std::size_t>(m.opt_u64("flash").value_or(0));
      if (f >= s_.request.flashes.size()) m.fail("flash", "an index into board.flash");
      s_.expect.flash.push_back({m.u64("offset"), f, data(m), m.where(m.node())});
    }
    if (e.has("time")) s_.expect.time = time_bound(e, "time");
    if (e.has("boot_time")) s_.expect.boot_time = time_bound(e, "boot_time");
  }

  std::string path_, dir_;
  Scenario s_;
};

}  // namespace

Scenario load_scenario(const std::string& path) {
  return Loader(path).load();
}

}  // namespace xipsim::scenario
