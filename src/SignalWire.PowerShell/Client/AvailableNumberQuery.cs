using System;
using System.Collections.Generic;

namespace SignalWire.PowerShell.Client
{
    /// <summary>The search endpoint's filters (GET /phone_numbers/search).</summary>
    public sealed class AvailableNumberQuery
    {
        public const int MaximumResults = 100;

        public string? AreaCode { get; set; }

        /// <summary>"local" (the API's default) or "toll-free".</summary>
        public string? NumberType { get; set; }

        /// <summary>3 to 7 digits; the API takes only one of StartsWith, Contains and EndsWith.</summary>
        public string? StartsWith { get; set; }
        public string? Contains { get; set; }
        public string? EndsWith { get; set; }

        /// <summary>1 to 100; null leaves the API's default (50).</summary>
        public int? MaxResults { get; set; }

        /// <summary>ISO 3166-2 alpha-2 region such as TX (local numbers only).</summary>
        public string? Region { get; set; }

        /// <summary>A city within <see cref="Region"/> (local numbers only).</summary>
        public string? City { get; set; }

        internal string ToQueryString()
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
            Add("areacode", AreaCode);
            Add("number_type", NumberType);
            Add("starts_with", StartsWith);
            Add("contains", Contains);
            Add("ends_with", EndsWith);
            Add("max_results", MaxResults?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("region", Region);
            Add("city", City);
            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        }
    }
}
