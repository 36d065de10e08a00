#include "strata/validate/batch_validator.hpp"

#include "validate/internal/validation_plan.hpp"

namespace strata {

BatchValidator::BatchValidator(const DataFrameSchema& schema, const Schema& data_schema,
                               const ValidationOptions& options)
    : plan_(std::make_unique<validate_internal::ValidationPlan>(schema, data_schema, options)) {}

BatchValidator::~BatchValidator() = default;
BatchValidator::BatchValidator(BatchValidator&&) noexcept = default;
BatchValidator& BatchValidator::operator=(BatchValidator&&) noexcept = default;

const Schema& BatchValidator::output_schema() const { return plan_->output_schema(); }

RecordBatch BatchValidator::consume(const RecordBatch& batch) { return plan_->consume(batch); }

ValidationReport BatchValidator::finish() { return plan_->finish(); }

}  // namespace strata
