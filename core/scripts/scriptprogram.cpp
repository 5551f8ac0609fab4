#include "scripts/scriptprogram.h"

#include "scripts/scriptengine.h"

#include <QCryptographicHash>
#include <QFile>

#include <atomic>
#include <unordered_map>

namespace Rewind {

namespace {
std::atomic<quint64> nextId { 1 };

/// This thread's engines, one per program. A thread that ends takes its engines with it, on
/// itself, as a QJSEngine wants; a program that ends drops its engine on the thread that ends it
/// (the engines it left on other threads stay until those threads end).
std::unordered_map<quint64, std::unique_ptr<ScriptEngine>>& threadEngines()
{
    thread_local std::unordered_map<quint64, std::unique_ptr<ScriptEngine>> engines;
    return engines;
}
}

ScriptProgram::ScriptProgram(QString text, QString file, int columnOffset, std::chrono::milliseconds timeLimit)
    : m_text(std::move(text))
    , m_file(std::move(file))
    , m_columnOffset(columnOffset)
    , m_timeLimit(timeLimit)
    , m_digest(QCryptographicHash::hash(m_text.toUtf8(), QCryptographicHash::Sha256))
    , m_id(nextId.fetch_add(1))
{
}

ScriptProgram::~ScriptProgram() { threadEngines().erase(m_id); }

Result<std::shared_ptr<const ScriptProgram>> ScriptProgram::load(
    const QString& path, std::chrono::milliseconds timeLimit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(QStringLiteral("cannot read the script: %1").arg(file.errorString()), path);
    return fromText(QString::fromUtf8(file.readAll()), path, 0, timeLimit);
}

Result<std::shared_ptr<const ScriptProgram>> ScriptProgram::fromText(
    const QString& text, const QString& name, int columnOffset, std::chrono::milliseconds timeLimit)
{
    std::shared_ptr<const ScriptProgram> program(new ScriptProgram(text, name, columnOffset, timeLimit));
    const auto engine = program->engine();
    if (!engine)
        return engine.error();
    return program;
}

Result<ScriptEngine*> ScriptProgram::engine() const
{
    auto& engines = threadEngines();
    if (const auto found = engines.find(m_id); found != engines.end())
        return found->second.get();
    auto engine = std::make_unique<ScriptEngine>(m_timeLimit);
    const Status evaluated = engine->evaluate(m_text, m_file, m_columnOffset);
    if (!evaluated)
        return evaluated.error();
    ScriptEngine* made = engine.get();
    engines.emplace(m_id, std::move(engine));
    return made;
}

} // namespace Rewind
