#include "cli/progress_printer.hpp"

#include "cli/text_format.hpp"

namespace strata::cli {

ProgressPrinter::ProgressPrinter(std::ostream& out, std::chrono::seconds heartbeat)
    : out_(out), heartbeat_(heartbeat) {
  heartbeat_thread_ = std::thread([this] { heartbeat_loop(); });
}

ProgressPrinter::~ProgressPrinter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  heartbeat_thread_.join();
}

std::string ProgressPrinter::prefix(const std::string& step_key) {
  auto it = step_index_.find(step_key);
  std::string counter = it == step_index_.end()
                            ? "[-]"
                            : "[" + std::to_string(it->second) + "/" + std::to_string(total_steps_) + "]";
  std::string name = step_key;
  if (display_width(name) < name_width_) name += std::string(name_width_ - display_width(name), ' ');
  return counter + " " + name;
}

void ProgressPrinter::on_event(const Event& event) {
  std::lock_guard lock(mutex_);
  switch (event.type) {
    case EventType::RunStart: {
      const Json& steps = event.data.value("steps", Json::array());
      total_steps_ = steps.size();
      for (size_t i = 0; i < steps.size(); ++i) {
        std::string key = steps[i].get<std::string>();
        step_index_[key] = i + 1;
        name_width_ = std::max(name_width_, display_width(key));
      }
      out_ << "Run " << event.run_id << ": " << event.message << "\n";
      break;
    }
    case EventType::StepStart:
      running_[event.step_key] = std::chrono::steady_clock::now();
      out_ << prefix(event.step_key) << "  started\n";
      break;
    case EventType::AssetMaterialization:
      if (event.data.contains("metadata") && event.data["metadata"].contains("row_count"))
        rows_[event.step_key] += event.data["metadata"]["row_count"].get<int64_t>();
      break;
    case EventType::StepSuccess: {
      running_.erase(event.step_key);
      std::string line = prefix(event.step_key) + "  OK      ";
      if (event.data.contains("duration_ms"))
        line += format_duration_us(static_cast<int64_t>(event.data["duration_ms"].get<double>() * 1000.0));
      if (auto it = rows_.find(event.step_key); it != rows_.end()) line += "  " + format_count(it->second) + " rows";
      if (event.data.value("attempts", 1) > 1) line += "  (attempt " + std::to_string(event.data["attempts"].get<int>()) + ")";
      out_ << line << "\n";
      break;
    }
    case EventType::StepFailure:
      running_.erase(event.step_key);
      out_ << prefix(event.step_key) << (event.data.value("canceled", false) ? "  CANCELED" : "  FAILED  ")
           << event.message << "\n";
      break;
    case EventType::StepRetry:
      out_ << prefix(event.step_key) << "  RETRY   " << event.message << "\n";
      break;
    case EventType::StepSkipped:
      out_ << prefix(event.step_key) << "  SKIPPED " << event.data.value("reason", std::string()) << "\n";
      break;
    case EventType::AssetCheck:
      // A failed schema check's report is printed with the step's failure;
      // asset checks do not fail their step, so their results show here.
      if (event.data.contains("check"))
        out_ << prefix(event.step_key) << (event.data.value("passed", false) ? "  CHECK   " : "  CHECK ! ")
             << event.message << "\n";
      break;
    case EventType::AssetObservation:
      out_ << prefix(event.step_key) << "  read    " << event.message << "\n";
      break;
    case EventType::Log:
      if (event.level == LogLevel::Debug) break;  // recorded; shown by `run RUN_ID`
      out_ << "      " << log_level_name(event.level) << " " << (event.step_key.empty() ? "run" : event.step_key) << ": "
           << event.message << "\n";
      break;
    case EventType::RunSuccess:
    case EventType::RunFailure:
    case EventType::RunCanceled:
      break;  // the summary is printed by the command
  }
  out_.flush();
}

void ProgressPrinter::heartbeat_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, heartbeat_);
    if (stopping_) break;
    const auto now = std::chrono::steady_clock::now();
    for (const auto& [step, started] : running_) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - started);
      if (seconds < heartbeat_) continue;
      out_ << prefix(step) << "  running " << format_duration_us(seconds.count() * 1'000'000) << "\n";
    }
    out_.flush();
  }
}

}  // namespace strata::cli
