// Recorded on 2026-11-28 from Chromium's virtual authenticator (DevTools
// WebAuthn.addVirtualAuthenticator, ctap2, internal, resident keys, user verification) at origin
// http://localhost:33171, RP ID "localhost", attestation "none": one credential per algorithm, then
// one assertion with it. Values are base64url as the browser gave them; see
// tests/fuzz/record_webauthn.mjs.
#pragma once

namespace lumbung::security::recorded {

struct Ceremony {
  const char* name;
  long algorithm;
  const char* challenge;
  const char* credential_id;
  const char* client_data_json;
  const char* attestation_object;
  const char* assertion_challenge;
  const char* assertion_client_data_json;
  const char* authenticator_data;
  const char* signature;
  const char* user_handle;
};

inline constexpr char kOrigin[] = "http://localhost:33171";
inline constexpr char kRpId[] = "localhost";

inline constexpr Ceremony kCeremonies[] = {
    {"ES256", -7, "-fr7_P3-_wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxg",
     "ZAi9R3A4-alhUkVY-o8YX_NyoLRHE9T_fzB-XpZjG00",
     "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiLWZyN19QMy1fd0FCQWdNRUJRWUhDQWtLQ3d3TkRnO"
     "FFFUklURkJVV0Z4ZyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2UsIm"
     "90aGVyX2tleXNfY2FuX2JlX2FkZGVkX2hlcmUiOiJkbyBub3QgY29tcGFyZSBjbGllbnREYXRhSlNPTiBhZ2FpbnN0IGE"
     "gdGVtcGxhdGUuIFNlZSBodHRwczovL2dvby5nbC95YWJQZXgifQ",
     "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVikSZYN5YgOjGh0NBcPZHZgW4_"
     "krrmihjLHmVzzuoMdl2NFAAAAAQECAwQFBgcIAQIDBAUGBwgAIGQIvUdwOPmpYVJFWPqPGF_zcqC0RxPU_"
     "38wfl6WYxtNpQECAyYgASFYIBLy8YBY_cvzxZgXXJmqp-UnKyqvSGnXhI-hHYpGfRHyIlggFIU-"
     "PoPVsxV8ddqYBsO6qYKvnAJMzyEftKGSqeuN7gU",
     "bW5vcHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4w",
     "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiYlc1dmNIRnljM1IxZG5kNGVYcDdmSDEtZjRDQmdvT0VoW"
     "WFIaUltS2k0dyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2UsIm90aG"
     "VyX2tleXNfY2FuX2JlX2FkZGVkX2hlcmUiOiJkbyBub3QgY29tcGFyZSBjbGllbnREYXRhSlNPTiBhZ2FpbnN0IGEgdGV"
     "tcGxhdGUuIFNlZSBodHRwczovL2dvby5nbC95YWJQZXgifQ",
     "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAg",
     "MEUCIQDIudpIrdjNImYUL0CN2O-"
     "XqS4z5NPRdLoD0SvTFWDzBwIgYb1DvSXspQU9by43Lzoq27Jw7P7mrNvlyrdqDWp79AA",
     "BwcHBwcHBwcHBwcHBwcHBw"},
    {"RS256", -257, "_wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4",
     "0wwBI4BUAIFT7sEKMdGM0qWBxbz82mXQnEWxtt-xiXM",
     "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiX3dBQkFnTUVCUVlIQ0FrS0N3d05EZzhRRVJJVEZCV"
     "VdGeGdaR2hzY0hSNCIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2V9",
     "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVkBZ0mWDeWIDoxodDQXD2R2YFuP5K65ooYyx5lc87qDHZdjRQAAAAEBA"
     "gMEBQYHCAECAwQFBgcIACDTDAEjgFQAgVPuwQox0YzSpYHFvPzaZdCcRbG237GJc6QBAwM5AQAgWQEAo9OR3kxfslSrao"
     "f5vXiQMPKFPXuwYVT2g2zPkgjhyt1Y41jwnVPN4YpexWvXbcRAmHvNswQzZYBj7iyz4FxZQ9bGDHi6WDZqXYgikZiWvNl"
     "Az9b87bVPawxDPLxCkNXdEEDzNyDXAtK5N3BDNI0OTrjYbbi07eqHfAPOlMJ1rgdBuoULEeKA6FjM4BUaT1BbbhXXyASa"
     "O5FrWWqxiZwsNt--E5SpkBaxGvQeJclAH5YwL5NGnM-BHcYYtYSP1MFuO5GNlfmkAsYnz_lRsAphTaYjtRC-"
     "KlozFFkKokVN5BY6lz9ONf1JN-Pio94-59lq_Fuftsw5WZHAezPRBayi9SFDAQAB",
     "c3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo-QkZI",
     "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiYzNSMWRuZDRlWHA3ZkgxLWY0Q0Jnb09FaFlhSGlJbUtpN"
     "HlOam8tUWtaSSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2V9",
     "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAg",
     "dIUhtqAWHNhaIFRPcu8XUAeIEtvIcL1m3-T03wV08Y-HikFudGbmijYCYTmvNjDe2iPrEWq2colQgnAu3GFxpqOS-"
     "JfJ8D8nNSpVSBlrd31ZJ1RJ2IGGP_VMc41ACb2Z9HhN_"
     "j2VAIOUx5SnjCdc2pm07yUM5V2NDw2VP7qWKZljBm1HGb8ZysMXujaR0J9lcozWBPsQ-1hgA654WGI234C5vjIFl0psN-"
     "uNUumvkaXcQkRRbZREriDeI8DaOdh4UYG7empNsTCSbCMAtz40gB4sbGK4koHJaV-"
     "0FLkNvPoMyCIECUHRYlCdQrOOGB0bfi9yionZGO5HrKbTfQbkoQ",
     "BwcHBwcHBwcHBwcHBwcHBw"},
    {"EdDSA", -8, "-Pn6-_z9_v8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhc",
     "p6kbkmN1Ka9r9sgwNCqvVRJ9liZp758MtkvksQyDNv0",
     "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiLVBuNi1fejlfdjhBQVFJREJBVUdCd2dKQ2dzTURRN"
     "FBFQkVTRXhRVkZoYyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2UsIm"
     "90aGVyX2tleXNfY2FuX2JlX2FkZGVkX2hlcmUiOiJkbyBub3QgY29tcGFyZSBjbGllbnREYXRhSlNPTiBhZ2FpbnN0IGE"
     "gdGVtcGxhdGUuIFNlZSBodHRwczovL2dvby5nbC95YWJQZXgifQ",
     "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YViBSZYN5YgOjGh0NBcPZHZgW4_"
     "krrmihjLHmVzzuoMdl2NFAAAAAQECAwQFBgcIAQIDBAUGBwgAIKepG5JjdSmva_bIMDQqr1USfZYmae-"
     "fDLZL5LEMgzb9pAEBAycgBiFYIGWviQCUetj2EvNYxkYlyxIdiM4ODkn9NcHKu0gLpDYJ",
     "bG1ub3BxcnN0dXZ3eHl6e3x9fn-AgYKDhIWGh4iJios",
     "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiYkcxdWIzQnhjbk4wZFhaM2VIbDZlM3g5Zm4tQWdZS0RoS"
     "VdHaDRpSmlvcyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzMxNzEiLCJjcm9zc09yaWdpbiI6ZmFsc2V9",
     "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAg",
     "qqx-VmGJSKkAIU3SIXInLWcGst1tyPSk6HI_fMtdFbV3wB5gwP3IfwOszl_WpITyJ4MGD8LQfqvcH2G_eS2iAg",
     "BwcHBwcHBwcHBwcHBwcHBw"},
};

}  // namespace lumbung::security::recorded
