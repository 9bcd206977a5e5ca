#include "seekbench/pdm/fleet_file.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/checkpoint_file.h" // crc32c

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace seekbench::pdm {

static_assert(std::endian::native == std::endian::little, "the fleet file is written in host order");

namespace {

constexpr char kMagic[8] = {'S', 'B', 'F', 'L', 'E', 'E', 'T', '\0'};
constexpr char kBlockTag[4] = {'S', 'B', 'M', 'B'};
constexpr char kFooterMagic[8] = {'S', 'B', 'F', 'O', 'O', 'T', '\0', '\0'};
constexpr char kEndMagic[8] = {'S', 'B', 'F', 'L', 'E', 'N', 'D', '\0'};
constexpr std::uint32_t kMaxString = 4096, kMaxSensors = 4096, kMaxModes = 1024;
constexpr std::uint64_t kTrailerSize = 24;
constexpr std::uint64_t kMaintenanceBytes = 4 + 8 + 1 + 4 + 8, kFailureBytes = 4 + 8 + 4;

template<typename... A>
std::string cat(const A &...parts)
{
    std::ostringstream s;
    (s << ... << parts);
    return s.str();
}

template<typename... A>
void require(bool ok, const A &...message)
{
    if (!ok)
        throw std::runtime_error(cat(message...));
}

std::string truncatedAt(std::uint64_t size, const std::string &what, std::uint64_t need, std::uint64_t left)
{
    return cat("truncated at byte ", size, " (", what, " needs ", need, " bytes, ", left, " left)");
}

// Appends plain values, and strings as u32 length and bytes, to a byte buffer.
template<typename... T>
void put(std::string &out, T... values)
{
    (out.append(reinterpret_cast<const char *>(&values), sizeof values), ...);
}
void putString(std::string &out, const std::string &s)
{
    require(s.size() <= kMaxString, "name longer than 4096 bytes: '", s.substr(0, 40), "...'");
    put(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

// Reads fields in order, from the file or from bytes already read, never past the end (a
// runtime_error says which part `what` was cut off or damaged), keeping a CRC-32C of its reads.
class Cursor
{
public:
    Cursor(int fd, std::uint64_t end, std::uint64_t at, std::string what)
        : pos(at), m_fd(fd), m_end(end), m_what(std::move(what))
    {}
    Cursor(const std::string &bytes, std::string what) : m_bytes(&bytes), m_end(bytes.size()), m_what(std::move(what))
    {}
    void read(void *out, std::uint64_t n)
    {
        const std::uint64_t left = pos > m_end ? 0 : m_end - pos;
        if (n > left)
            throw std::runtime_error(m_bytes ? "damaged " + m_what + " (it ends inside a record)"
                                             : truncatedAt(m_end, m_what, n, left));
        if (m_bytes)
            std::memcpy(out, m_bytes->data() + pos, n);
        for (std::uint64_t done = 0; !m_bytes && done < n;) {
            const ssize_t got = ::pread(m_fd, static_cast<char *>(out) + done, n - done, static_cast<off_t>(pos + done));
            require(got > 0 || (got < 0 && errno == EINTR), "cannot read: ", got < 0 ? std::strerror(errno) : "end");
            done += got > 0 ? static_cast<std::uint64_t>(got) : 0;
        }
        crc = crc32c(out, n, crc);
        pos += n;
    }
    template<typename... T>
    void getAll(T &...values)
    {
        (read(&values, sizeof values), ...);
    }
    template<typename T>
    T get()
    {
        T value;
        read(&value, sizeof value);
        return value;
    }
    std::string getString()
    {
        const auto n = get<std::uint32_t>();
        require(n <= kMaxString, "damaged ", m_what, " (a name of ", n, " bytes, more than ", kMaxString, ")");
        std::string s(n, '\0');
        read(s.data(), n);
        return s;
    }
    // A count of records of `bytes` each, refused unless that many fit in what is left.
    std::uint64_t count(std::uint64_t bytes, const char *noun)
    {
        const auto n = get<std::uint64_t>();
        require(n <= (m_end - pos) / bytes, "damaged ", m_what, " (", n, " ", noun, " do not fit in it)");
        return n;
    }

    std::uint64_t pos = 0;
    std::uint32_t crc = 0;

private:
    const std::string *m_bytes = nullptr;
    int m_fd = -1;
    std::uint64_t m_end;
    std::string m_what;
};

// A machine block's header, after its tag.
template<typename Entry>
Entry readBlockHeader(Cursor &c)
{
    Entry e{c.getString(), 0, c.get<std::uint64_t>(), false};
    e.hasRegime = c.get<std::uint8_t>() != 0;
    return e;
}

} // namespace

FleetFileWriter::FleetFileWriter() = default;
FleetFileWriter::~FleetFileWriter() = default; // an uncommitted AtomicFile removes its temporary file

template<typename F>
bool FleetFileWriter::guarded(std::string &error, F &&step)
{
    try {
        step();
        return true;
    } catch (const FileWriteError &e) { // names the file already
        error = e.what();
    } catch (const std::exception &e) {
        error = m_path + ": " + e.what();
    }
    m_file.reset(); // removes the temporary file
    return false;
}

void FleetFileWriter::write(const void *data, std::size_t size, std::uint32_t *crc)
{
    require(m_file != nullptr, "the writer is not open");
    m_file->write(data, size);
    if (crc)
        *crc = crc32c(data, size, *crc);
    m_offset += size;
}

bool FleetFileWriter::open(const std::string &path, TimeUnit timeUnit, const std::vector<std::string> &sensors,
                           const std::vector<std::string> &failureModes, std::string &error)
{
    m_path = path;
    m_index.clear();
    m_offset = 0;
    m_sensorCount = sensors.size();
    return guarded(error, [&] {
        require(sensors.size() <= kMaxSensors && failureModes.size() <= kMaxModes, "too many sensors or modes");
        std::string b(kMagic, sizeof kMagic);
        put(b, kFleetFileVersion, std::uint8_t(timeUnit == TimeUnit::Cycles ? 1 : 0));
        for (const auto *names : {&sensors, &failureModes}) {
            put(b, static_cast<std::uint32_t>(names->size()));
            for (const auto &s : *names)
                putString(b, s);
        }
        put(b, crc32c(b.data(), b.size()));
        m_file.reset(); // a reopened writer drops its temporary file before making a new one
        m_file = std::make_unique<AtomicFile>(path, "fleet file");
        write(b.data(), b.size());
    });
}

bool FleetFileWriter::append(const MachineSeries &machine, std::string &error)
{
    return guarded(error, [&] {
        const std::size_t rows = machine.rows();
        const auto &v = machine.values;
        require(v.size() == m_sensorCount, "machine '", machine.name, "' has ", v.size(), " columns, the fleet ",
                m_sensorCount, " sensors");
        require(std::all_of(v.begin(), v.end(), [&](auto &column) { return column.size() == rows; })
                    && (machine.regime.empty() || machine.regime.size() == rows),
                "machine '", machine.name, "' has columns of different lengths");
        const IndexEntry entry{machine.name, m_offset, rows, !machine.regime.empty()};
        std::string b(kBlockTag, sizeof kBlockTag);
        putString(b, machine.name);
        put(b, std::uint64_t(rows), std::uint8_t(entry.hasRegime ? 1 : 0));
        std::uint32_t crc = 0;
        write(b.data(), b.size(), &crc);
        write(machine.time.data(), rows * sizeof(double), &crc);
        for (const auto &column : v)
            write(column.data(), rows * sizeof(float), &crc);
        write(machine.regime.data(), machine.regime.size(), &crc);
        write(&crc, sizeof crc);
        m_index.push_back(entry);
    });
}

bool FleetFileWriter::finish(const std::vector<MaintenanceEvent> &maintenance,
                             const std::vector<FailureEvent> &failures, std::string &error)
{
    return guarded(error, [&] {
        std::string b(kFooterMagic, sizeof kFooterMagic);
        put(b, std::uint64_t(m_index.size()));
        for (const auto &e : m_index) {
            putString(b, e.name);
            put(b, e.offset, e.rows, std::uint8_t(e.hasRegime ? 1 : 0));
        }
        put(b, std::uint64_t(maintenance.size()));
        for (const auto &m : maintenance)
            put(b, m.machine, m.time, static_cast<std::int8_t>(m.kind), m.mode, m.downtime_hours);
        put(b, std::uint64_t(failures.size()));
        for (const auto &f : failures)
            put(b, f.machine, f.time, f.mode);
        put(b, crc32c(b.data(), b.size()));
        put(b, m_offset, std::uint64_t(b.size())); // the trailer: where the footer is
        b.append(kEndMagic, sizeof kEndMagic);
        write(b.data(), b.size());
        m_file->commit();
        m_file.reset();
    });
}

FleetFileReader::~FleetFileReader()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::unique_ptr<FleetFileReader> FleetFileReader::open(const std::string &path, std::string &error)
{
    std::unique_ptr<FleetFileReader> reader(new FleetFileReader);
    reader->m_path = path;
    try {
        reader->m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        require(reader->m_fd >= 0, "cannot open: ", std::strerror(errno));
        reader->load();
        return reader;
    } catch (const std::exception &e) {
        error = path + ": " + e.what();
        return nullptr;
    }
}

std::uint64_t FleetFileReader::blockSize(const IndexEntry &e) const
{
    const std::uint64_t perRow = 8 + 4 * m_sensors.size() + (e.hasRegime ? 1 : 0);
    return e.rows > (UINT64_MAX / 2) / perRow ? UINT64_MAX : 4 + 4 + e.name.size() + 8 + 1 + e.rows * perRow + 4;
}

void FleetFileReader::load()
{
    struct stat st = {};
    require(::fstat(m_fd, &st) == 0, "cannot read: ", std::strerror(errno));
    m_size = static_cast<std::uint64_t>(st.st_size);
    char magic[8] = {};
    require(m_size > 0, "empty file, not a Seekbench fleet file");
    require(m_size >= sizeof magic, "not a Seekbench fleet file (too short)");
    Cursor h(m_fd, m_size, 0, "header");
    h.read(magic, sizeof magic);
    require(std::memcmp(magic, kMagic, sizeof magic) == 0, "not a Seekbench fleet file (bad magic)");
    const auto version = h.get<std::uint32_t>();
    require(version > 0, "damaged header (version 0)");
    require(version <= kFleetFileVersion, "version ", version, " is newer than this build reads (", kFleetFileVersion,
            ")");
    const auto unit = h.get<std::uint8_t>();
    require(unit <= 1, "damaged header (time unit ", int(unit), ")");
    m_timeUnit = unit == 1 ? TimeUnit::Cycles : TimeUnit::Seconds;
    for (auto [names, limit, noun] :
         {std::tuple(&m_sensors, kMaxSensors, "sensors"), std::tuple(&m_failureModes, kMaxModes, "failure modes")}) {
        const auto count = h.get<std::uint32_t>();
        require(count <= limit, "damaged header (", count, " ", noun, ", at most ", limit, ")");
        for (std::uint32_t i = 0; i < count; ++i)
            names->push_back(h.getString());
    }
    const std::uint32_t crc = h.crc;
    require(h.get<std::uint32_t>() == crc, "damaged header (checksum mismatch)");
    const std::uint64_t headerEnd = h.pos;

    // The trailer locates the footer; without it the file was cut short somewhere.
    std::uint64_t footerOffset = 0, footerSize = 0;
    char end[8] = {};
    if (m_size >= headerEnd + kTrailerSize)
        Cursor(m_fd, m_size, m_size - kTrailerSize, "trailer").getAll(footerOffset, footerSize, end);
    if (std::memcmp(end, kEndMagic, sizeof end) != 0)
        diagnoseMissingTrailer(headerEnd);
    const std::uint64_t footerEnd = m_size - kTrailerSize;
    require(footerOffset >= headerEnd && footerOffset <= footerEnd && footerSize == footerEnd - footerOffset
                && footerSize >= sizeof kFooterMagic + 8 + 8 + 8 + 4,
            "damaged trailer (footer at byte ", footerOffset, ", ", footerSize, " bytes, in a file of ", m_size, ")");
    std::string footer(footerSize - 4, '\0'); // bounded by the file's size
    Cursor f(m_fd, m_size, footerOffset, "footer");
    f.read(footer.data(), footer.size());
    const std::uint32_t footerCrc = f.crc;
    require(f.get<std::uint32_t>() == footerCrc,
            "damaged footer (checksum mismatch): the machine index and events cannot be trusted");
    Cursor c(footer, "footer");
    c.read(magic, sizeof magic);
    require(std::memcmp(magic, kFooterMagic, sizeof magic) == 0, "damaged footer (bad magic)");
    for (std::uint64_t i = 0, n = c.count(4 + 8 + 8 + 1, "machines"); i < n; ++i) {
        IndexEntry e{c.getString(), 0, 0, false};
        std::uint8_t hasRegime = 0;
        c.getAll(e.offset, e.rows, hasRegime);
        e.hasRegime = hasRegime != 0;
        require(e.offset >= headerEnd && e.offset <= footerOffset && blockSize(e) <= footerOffset - e.offset,
                "damaged index: machine '", e.name, "' claims ", e.rows, " rows at byte ", e.offset, ", beyond the ",
                footerOffset, " bytes of machine data");
        m_index.push_back(std::move(e));
    }
    m_maintenance.resize(c.count(kMaintenanceBytes, "maintenance events"));
    for (auto &m : m_maintenance) {
        std::int8_t kind = 0;
        c.getAll(m.machine, m.time, kind, m.mode, m.downtime_hours);
        require(kind == 0 || kind == 1, "damaged footer (maintenance kind ", int(kind), ")");
        m.kind = static_cast<MaintenanceKind>(kind);
    }
    m_failures.resize(c.count(kFailureBytes, "failures"));
    for (auto &e : m_failures)
        c.getAll(e.machine, e.time, e.mode);
}

void FleetFileReader::diagnoseMissingTrailer(std::uint64_t pos) const
{
    // Walk the machine blocks from the header to find where the file was cut.
    while (true) {
        Cursor c(m_fd, m_size, pos, "machine block or footer");
        char tag[4];
        c.read(tag, sizeof tag);
        require(std::memcmp(tag, kFooterMagic, sizeof tag) != 0, "truncated at byte ", m_size,
                " (in the footer: the machine index and events are incomplete)");
        require(std::memcmp(tag, kBlockTag, sizeof tag) == 0, "damaged at byte ", pos,
                " (neither a machine block nor the footer, no end marker)");
        const auto e = readBlockHeader<IndexEntry>(c);
        if (blockSize(e) > m_size - pos)
            throw std::runtime_error(truncatedAt(m_size, "machine '" + e.name + "'", blockSize(e), m_size - pos));
        pos += blockSize(e);
    }
}

bool FleetFileReader::readMachine(std::size_t i, MachineSeries &out, std::string &error) const
{
    try {
        require(i < m_index.size(), "no machine ", i, " (the file holds ", m_index.size(), ")");
        const IndexEntry &e = m_index[i];
        const std::string what = "machine '" + e.name + "'";
        Cursor c(m_fd, m_size, e.offset, what);
        char tag[4];
        c.read(tag, sizeof tag);
        const bool tagged = std::memcmp(tag, kBlockTag, sizeof tag) == 0;
        const auto block = tagged ? readBlockHeader<IndexEntry>(c) : IndexEntry{};
        require(tagged && block.name == e.name && block.rows == e.rows && block.hasRegime == e.hasRegime, what,
                " is damaged (its block header does not match the index)");
        out.name = e.name;
        out.time.resize(e.rows);
        c.read(out.time.data(), e.rows * sizeof(double));
        out.values.resize(m_sensors.size());
        for (auto &column : out.values) {
            column.resize(e.rows);
            c.read(column.data(), e.rows * sizeof(float));
        }
        out.regime.resize(e.hasRegime ? e.rows : 0);
        c.read(out.regime.data(), out.regime.size());
        const std::uint32_t computed = c.crc;
        require(c.get<std::uint32_t>() == computed, what, " is damaged (checksum mismatch in bytes ", e.offset, "..",
                c.pos, ")");
        return true;
    } catch (const std::exception &ex) {
        error = m_path + ": " + ex.what();
        return false;
    }
}

Fleet FleetFileReader::readAll() const
{
    Fleet fleet{m_timeUnit,    m_sensors, m_failureModes, std::vector<MachineSeries>(m_index.size()),
                m_maintenance, m_failures};
    std::string error;
    for (std::size_t i = 0; i < m_index.size(); ++i)
        if (!readMachine(i, fleet.machines[i], error))
            throw std::runtime_error(error);
    return fleet;
}

} // namespace seekbench::pdm
