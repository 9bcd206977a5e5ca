#include "runs/log_view.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {
constexpr qint64 kMaxInitialBytes = 2 * 1024 * 1024; // show the end of very long logs
}

LogView::LogView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("logView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *bar = new QHBoxLayout;
    m_files = new QComboBox(this);
    m_files->setObjectName(QStringLiteral("logFileCombo"));
    m_files->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setClearButtonEnabled(true);
    m_matches = new QLabel(this);
    bar->addWidget(m_files);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    layout->addLayout(bar);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_text->setMaximumBlockCount(200000);
    layout->addWidget(m_text, 1);

    connect(m_files, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) { loadCurrent(false); });
    connect(m_files, qOverload<int>(&QComboBox::activated), this, [this](int) { m_userChose = true; });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_matches->setText(t.isEmpty() ? QString()
                                       : tr("%n match(es)", nullptr,
                                            static_cast<int>(m_text->toPlainText().count(t, Qt::CaseInsensitive))));
    });
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        refreshFiles();
        loadCurrent(true);
    });
    retranslate();
}

void LogView::retranslate()
{
    m_search->setPlaceholderText(tr("Search the log (Enter: next match)"));
    m_text->setPlaceholderText(tr("Select one run to see its log."));
}

void LogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LogView::setRunDir(const QString &runDir)
{
    m_runDir = runDir;
    m_userChose = false;
    m_files->clear();
    m_files->setEnabled(!runDir.isEmpty());
    m_text->clear();
    m_offset = 0;
    refreshFiles();
    if (runDir.isEmpty())
        m_timer.stop();
    else
        m_timer.start();
}

void LogView::refreshFiles()
{
    if (m_runDir.isEmpty())
        return;
    const QStringList files = QDir(m_runDir).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        if (m_files->findText(f) < 0)
            m_files->addItem(f);
    // Follow the current attempt: the newest *.err.log (resume.err.log after a resume),
    // unless the user picked a file by hand.
    const QStringList errLogs = QDir(m_runDir).entryList({QStringLiteral("*.err.log")}, QDir::Files, QDir::Time);
    const int newest = errLogs.isEmpty() ? -1 : m_files->findText(errLogs.front());
    if (!m_userChose && newest >= 0 && newest != m_files->currentIndex())
        m_files->setCurrentIndex(newest);
    else if (m_files->currentIndex() < 0 && m_files->count() > 0)
        m_files->setCurrentIndex(0);
}

void LogView::loadCurrent(bool append)
{
    if (m_files->currentIndex() < 0)
        return;
    QFile f(m_runDir + QLatin1Char('/') + m_files->currentText());
    if (!f.open(QIODevice::ReadOnly))
        return;
    if (!append) {
        m_text->clear();
        m_offset = std::max<qint64>(0, f.size() - kMaxInitialBytes);
    }
    if (f.size() < m_offset) // truncated or replaced
        m_offset = 0;
    if (f.size() == m_offset)
        return;
    f.seek(m_offset);
    QByteArray bytes = f.readAll();
    const int lastNewline = bytes.lastIndexOf('\n');
    if (lastNewline < 0)
        return;
    bytes.truncate(lastNewline);
    m_offset += lastNewline + 1;
    // The trainer's progress line uses carriage returns; show each update on its line.
    QString text = QString::fromUtf8(bytes);
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const bool atEnd = m_text->verticalScrollBar()->value() == m_text->verticalScrollBar()->maximum();
    m_text->appendPlainText(text);
    if (atEnd)
        m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

QString LogView::text() const { return m_text->toPlainText(); }

bool LogView::findNext(const QString &text, bool backwards)
{
    if (text.isEmpty())
        return false;
    const auto flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(text, flags))
        return true;
    // Wrap around.
    QTextCursor c = m_text->textCursor();
    c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(c);
    return m_text->find(text, flags);
}

QString LogView::lastLines(const QString &runDir, int lines)
{
    QStringList out;
    const QStringList files = QDir(runDir).entryList({QStringLiteral("*.err.log")}, QDir::Files, QDir::Time);
    if (files.isEmpty())
        return QString();
    QFile f(runDir + QLatin1Char('/') + files.front());
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    f.seek(std::max<qint64>(0, f.size() - 16384));
    QString text = QString::fromUtf8(f.readAll());
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList all = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace seekbench::ui
