#include "storage/ChangeFeed.h"

#include <map>
#include <string>

namespace cd::changes {

std::optional<DataKind> kindOfTable(std::string_view table)
{
    static const std::map<std::string, DataKind, std::less<>> kinds{
        {"clients", DataKind::Clients},
        {"client_phones", DataKind::Clients},
        {"client_emails", DataKind::Clients},
        {"client_addresses", DataKind::Clients},
        {"client_handles", DataKind::Clients},
        {"client_tags", DataKind::Clients},
        {"client_merges", DataKind::Clients},
        {"interactions", DataKind::Interactions},
        {"consent_events", DataKind::Consent},
        {"images", DataKind::Images},
        {"image_blobs", DataKind::Images},
        {"appointments", DataKind::Appointments},
        {"rooms", DataKind::Rooms},
        {"treatment_records", DataKind::TreatmentRecords},
        {"treatment_batch_tokens", DataKind::TreatmentRecords},
        {"treatment_consent_overrides", DataKind::TreatmentRecords},
        {"treatment_chart_points", DataKind::TreatmentRecords},
        {"quotes", DataKind::Quotes},
        {"quote_items", DataKind::Quotes},
        {"quote_images", DataKind::Quotes},
        {"payments", DataKind::Payments},
        {"privacy_requests", DataKind::Privacy},
        {"privacy_request_files", DataKind::Privacy},
        {"erasure_tombstones", DataKind::Privacy},
        {"bank_holiday_changes", DataKind::Privacy},
        {"staff", DataKind::Staff},
        {"staff_roster", DataKind::Staff},
        {"settings", DataKind::Settings},
        {"stock_batches", DataKind::Stock},
        {"stock_movements", DataKind::Stock},
        {"form_templates", DataKind::Forms},
        {"forms", DataKind::Forms},
    };
    const auto it = kinds.find(table);
    if (it == kinds.end())
        return std::nullopt;
    return it->second;
}

} // namespace cd::changes
