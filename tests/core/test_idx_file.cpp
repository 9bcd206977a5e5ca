// IDX reader (Fashion-MNIST's format) and the caption grammar: valid files, a table of
// corrupt ones, and the check that caption attributes do not give the class away.

#include "seekbench/formats/fashion_captions.h"
#include "seekbench/formats/idx_file.h"

#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <fstream>

using namespace seekbench;

namespace {

std::string header(unsigned char type, std::vector<std::uint32_t> dims)
{
    std::string h{'\0', '\0', char(type), char(dims.size())};
    for (auto d : dims)
        for (int s = 24; s >= 0; s -= 8)
            h.push_back(char((d >> s) & 0xff));
    return h;
}

void writeGz(const std::string &path, const std::string &bytes)
{
    gzFile f = gzopen(path.c_str(), "wb");
    QVERIFY(f);
    if (!bytes.empty())
        QCOMPARE(gzwrite(f, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    gzclose(f);
}

void writePlain(const std::string &path, const std::string &bytes) { std::ofstream(path, std::ios::binary) << bytes; }

std::string images(int n) { return header(8, {std::uint32_t(n), 2, 3}) + std::string(std::size_t(n) * 6, '\x07'); }
std::string labels(int n, char value = 1) { return header(8, {std::uint32_t(n)}) + std::string(std::size_t(n), value); }

} // namespace

class TestIdxFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsGzippedAndPlainFiles()
    {
        QTemporaryDir dir;
        const std::string img = (dir.path() + QStringLiteral("/img.gz")).toStdString(),
                          lab = (dir.path() + QStringLiteral("/lab")).toStdString();
        writeGz(img, images(5));
        writePlain(lab, labels(5, 3)); // gzread reads uncompressed files as they are
        const auto data = readLabelledImages(img, lab);
        QCOMPARE(data.count, std::int64_t(5));
        QCOMPARE(data.rows, 2);
        QCOMPARE(data.cols, 3);
        QCOMPARE(data.pixels.size(), std::size_t(30));
        QCOMPARE(int(data.pixels[29]), 7);
        QCOMPARE(int(data.labels[4]), 3);
    }

    void readsFashionMnist()
    {
        const auto test = readFashionMnist("/usr/share/datasets/fashion-mnist", "test");
        QCOMPARE(test.count, std::int64_t(10000));
        QCOMPARE(test.rows, 28);
        QCOMPARE(test.cols, 28);
        std::array<int, 10> perClass{};
        for (auto l : test.labels)
            ++perClass[l];
        for (int c : perClass)
            QCOMPARE(c, 1000); // the official test split is balanced
    }

    void corruptFiles_data()
    {
        QTest::addColumn<QByteArray>("imageBytes");
        QTest::addColumn<QByteArray>("labelBytes");
        QTest::addColumn<bool>("gzipImages");
        QTest::addColumn<QByteArray>("expected");
        auto qb = [](const std::string &s) { return QByteArray(s.data(), qsizetype(s.size())); };
        const QByteArray okLabels = qb(labels(4));
        QTest::newRow("empty file") << QByteArray() << okLabels << true << QByteArray("truncated: no IDX header");
        QTest::newRow("bad magic") << qb("\x12\x34" + images(4).substr(2)) << okLabels << true
                                   << QByteArray("bad magic number");
        QTest::newRow("not unsigned bytes") << qb(header(0x0d, {4, 2, 3}) + std::string(24 * 4, '\0')) << okLabels
                                            << true << QByteArray("is not unsigned byte");
        QTest::newRow("labels given as images")
            << qb(labels(4)) << okLabels << true << QByteArray("has 1 dimensions, expected 3");
        QTest::newRow("truncated header")
            << qb(header(8, {4, 2, 3}).substr(0, 9)) << okLabels << true << QByteArray("truncated in the header");
        QTest::newRow("truncated data") << qb(images(4).substr(0, 30)) << okLabels << true
                                        << QByteArray("truncated: the header announces 24 bytes");
        QTest::newRow("trailing bytes") << qb(images(4) + "xx") << okLabels << true << QByteArray("trailing bytes");
        QTest::newRow("zero dimension") << qb(header(8, {0, 2, 3})) << okLabels << true
                                        << QByteArray("dimension 0 is 0");
        QTest::newRow("count mismatch") << qb(images(4)) << qb(labels(3)) << true << QByteArray("has 4 images but");
        QTest::newRow("label out of range")
            << qb(images(4)) << qb(labels(4, 10)) << true << QByteArray("label 10 of item 0 is not below 10");
        QTest::newRow("broken gzip stream") << QByteArray() << okLabels << false << QByteArray("cannot decompress");
    }

    void corruptFiles()
    {
        QFETCH(QByteArray, imageBytes);
        QFETCH(QByteArray, labelBytes);
        QFETCH(bool, gzipImages);
        QFETCH(QByteArray, expected);
        const QString expectedText = QString::fromUtf8(expected);
        QTemporaryDir dir;
        const std::string img = (dir.path() + QStringLiteral("/images.gz")).toStdString(),
                          lab = (dir.path() + QStringLiteral("/labels.gz")).toStdString();
        if (gzipImages) {
            writeGz(img, imageBytes.toStdString());
        } else {
            // A gzip member cut in the middle of its deflate stream.
            std::string full;
            {
                writeGz(img, images(400));
                std::ifstream in(img, std::ios::binary);
                full.assign(std::istreambuf_iterator<char>(in), {});
            }
            writePlain(img, full.substr(0, full.size() / 2));
        }
        writeGz(lab, labelBytes.toStdString());
        try {
            readLabelledImages(img, lab);
            QFAIL("no error for a corrupt file");
        } catch (const IdxError &e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(expectedText), qPrintable(what));
            // The message names the file it is about.
            QVERIFY2(what.contains(QStringLiteral("images.gz")) || what.contains(QStringLiteral("labels.gz")),
                     qPrintable(what));
        }
    }

    void missingFileIsNamed()
    {
        try {
            readFashionMnist("/nonexistent/fashion", "train");
            QFAIL("no error");
        } catch (const IdxError &e) {
            QVERIFY(QString::fromStdString(e.what()).contains(
                QStringLiteral("/nonexistent/fashion/train-images-idx3-ubyte.gz: no such file")));
        }
    }

    void captionsFollowTheGrammar()
    {
        CaptionVocabulary v;
        const CaptionAttributes a{0, 2, 1};
        const auto words = CaptionVocabulary::caption(7, &a);
        QCOMPARE(QString::fromStdString(words[0] + " " + words[1] + " " + words[2] + " " + words[3]),
                 QStringLiteral("a small bright sneaker"));
        QCOMPARE(words[std::size_t(CaptionVocabulary::classTokenIndex(false))], std::string("sneaker"));
        const auto templ = CaptionVocabulary::caption(9, nullptr);
        QCOMPARE(templ[std::size_t(CaptionVocabulary::classTokenIndex(true))], std::string("ankle-boot"));
        int len = 0;
        const auto ids = v.encode(words, &len);
        QCOMPARE(len, int(words.size()));
        QCOMPARE(v.word(int(ids[3])), std::string("sneaker"));
        QCOMPARE(ids[std::size_t(kCaptionTokens - 1)] == 0, int(words.size()) < kCaptionTokens);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, v.id("hat"));
        QCOMPARE(captionVocabularySize(), v.size());
    }

    // Attribute words must not give the class away: thresholds are per class, so within
    // each class of the test split (thresholds fitted on train) every size and brightness
    // word covers roughly a third of the images and every side word a fifth to a third.
    void attributesDoNotLeakTheLabel()
    {
        const auto train = readFashionMnist("/usr/share/datasets/fashion-mnist", "train");
        const auto test = readFashionMnist("/usr/share/datasets/fashion-mnist", "test");
        const auto t = AttributeThresholds::fit(train);
        std::array<std::array<int, 3>, 10> size{}, bright{};
        std::array<std::array<int, 4>, 10> side{};
        for (std::int64_t i = 0; i < test.count; ++i) {
            const int c = test.labels[std::size_t(i)];
            const auto a = t.describe(measureImage(test.pixels.data() + i * 784, 28, 28), c);
            ++size[c][a.size];
            ++bright[c][a.brightness];
            ++side[c][a.side];
        }
        for (int c = 0; c < 10; ++c) {
            for (int k = 0; k < 3; ++k) {
                QVERIFY2(size[c][k] > 250 && size[c][k] < 420,
                         qPrintable(QStringLiteral("size %1 %2: %3").arg(c).arg(k).arg(size[c][k])));
                QVERIFY2(bright[c][k] > 250 && bright[c][k] < 420,
                         qPrintable(QStringLiteral("brightness %1 %2: %3").arg(c).arg(k).arg(bright[c][k])));
            }
            for (int k = 0; k < 4; ++k)
                QVERIFY2(side[c][k] > 150 && side[c][k] < 350,
                         qPrintable(QStringLiteral("side %1 %2: %3").arg(c).arg(k).arg(side[c][k])));
        }
    }
};

QTEST_GUILESS_MAIN(TestIdxFile)
#include "test_idx_file.moc"
