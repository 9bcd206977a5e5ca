// Stored text shown in a terminal (run names, tags, notes): control characters escaped,
// table cells cut at character boundaries by display width (issue 20, item 10).

#include "seekbench/text/terminal_text.h"

#include <QtTest>

using namespace seekbench;

class TestTerminalText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data();
    void escapes();
    void cells_data();
    void cells();
    void firstControl_data();
    void firstControl();
};

// Each row: stored bytes and what the terminal is given.
void TestTerminalText::escapes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("plain") << QByteArray("baseline-lr3e-4") << QByteArray("baseline-lr3e-4");
    QTest::newRow("CJK kept") << QByteArray("基线实验") << QByteArray("基线实验");
    QTest::newRow("newline and CR") << QByteArray("a\nb\rc") << QByteArray("a\\nb\\rc");
    QTest::newRow("escape sequence") << QByteArray("\x1b[2J\x1b]0;pwned\x07") << QByteArray("\\e[2J\\e]0;pwned\\x07");
    QTest::newRow("tab, NUL and DEL") << QByteArray("a\tb\0c\x7f", 6) << QByteArray("a\\tb\\x00c\\x7F");
    QTest::newRow("C1 control (CSI)") << QByteArray("x\xc2\x9b"
                                                    "31m")
                                      << QByteArray("x\\u009B31m");
    QTest::newRow("invalid UTF-8") << QByteArray("bad\xff\xc3") << QByteArray("bad\\xFF\\xC3");
    QTest::newRow("overlong encoding") << QByteArray("\xc0\x8a") << QByteArray("\\xC0\\x8A");
}

void TestTerminalText::escapes()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, shown);
    QCOMPARE(QByteArray::fromStdString(terminalText(text.toStdString())), shown);
}

// Each row: a name, the cell width, and the cell exactly (padded, or cut with "…").
void TestTerminalText::cells_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("width");
    QTest::addColumn<QByteArray>("cell");
    QTest::addColumn<int>("columns");
    QTest::newRow("short padded") << QByteArray("run") << 6 << QByteArray("run   ") << 6;
    QTest::newRow("exact") << QByteArray("abcdef") << 6 << QByteArray("abcdef") << 6;
    QTest::newRow("long cut") << QByteArray("abcdefgh") << 6 << QByteArray("abcde\u2026") << 6;
    // Two columns per CJK character: 5 fit in 10, with the "…" only 4 and a space.
    QTest::newRow("CJK padded by columns") << QByteArray("基线") << 6 << QByteArray("基线  ") << 6;
    QTest::newRow("CJK cut at a character")
        << QByteArray("深度求索模型实验") << 10 << QByteArray("深度求索\u2026 ") << 10;
    QTest::newRow("escape counted as shown") << QByteArray("a\nb") << 6 << QByteArray("a\\nb  ") << 6;
    QTest::newRow("escape never split") << QByteArray("ab\x1b[31mred") << 4 << QByteArray("ab\u2026 ") << 4;
}

void TestTerminalText::cells()
{
    QFETCH(QByteArray, text);
    QFETCH(int, width);
    QFETCH(QByteArray, cell);
    QFETCH(int, columns);
    const std::string out = terminalCell(text.toStdString(), std::size_t(width));
    QCOMPARE(QByteArray::fromStdString(out), cell);
    QCOMPARE(terminalWidth(out), std::size_t(columns));
    QVERIFY(QString::fromUtf8(QByteArray::fromStdString(out)).toUtf8() == QByteArray::fromStdString(out)); // valid UTF-8
}

void TestTerminalText::firstControl_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("first");
    QTest::newRow("none") << QByteArray("fp32 基线") << QByteArray();
    QTest::newRow("newline") << QByteArray("a\nb") << QByteArray("\\n");
    QTest::newRow("escape first") << QByteArray("\x1b[31m\n") << QByteArray("\\e");
    QTest::newRow("BEL") << QByteArray("ding\x07") << QByteArray("\\x07");
    QTest::newRow("C1") << QByteArray("\xc2\x85") << QByteArray("\\u0085");
}

void TestTerminalText::firstControl()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, first);
    QCOMPARE(QByteArray::fromStdString(firstControlCharacter(text.toStdString())), first);
}

QTEST_GUILESS_MAIN(TestTerminalText)
#include "test_terminal_text.moc"
