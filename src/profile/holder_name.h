// Whether the name on a payout bank account is the member's own name as the registry holds it.
// Payouts must go to an account in the member's name: an account held by someone else is what a
// thief who took over a member's sign-in would add. Banks and the registry write the same person
// differently ("SITI RAHAYU, S.E." in a savings book, "Siti Rahayu" in the registry), so both are
// brought to the same words first. Pure functions, no I/O.
//
// What counts as the same name (each step applied to both names alike):
//  1. Letters are compared without case (ASCII letters; other letters as written).
//  2. Words are split at spaces, commas and hyphens; full stops and apostrophes inside a word
//     are dropped ("S.Kom." -> "skom", "Nur'aini" -> "nuraini").
//  3. Honorifics and titles written before the name are dropped, as many as there are:
//     Bapak/Bpk/Pak, Ibu/Bu, Sdr/Sdri/Sdra/Saudara/Saudari, Tn/Tuan, Ny/Nyonya, Nn/Nona,
//     Mr/Mrs/Ms/Miss, H (Haji), Hj (Hajah), KH, Prof, Dr/dr, Drs, Dra, Ir.
//     Degrees written after the name are dropped, as many as there are: the Indonesian
//     diplomas (A.Md. and its kinds), bachelor's (S.T., S.Kom., S.E., S.H., S.Pd., ...),
//     master's (M.M., M.T., M.Si., M.Kom., M.B.A., ...), Ph.D., and the medical and
//     pharmacy ones (Sp.OG, Apt., Ners). The first word of the name itself is never dropped.
//  4. Common shortenings of the two most common Arabic name parts are the same word:
//     Muhammad = Mohammad = Mohamad = Muhamad = Mohammed = Muhammed = Mochammad = Mochamad =
//     Moh = Moch = Muh = Much = Mhd = Mohd, and Abdul = Abd = Abdoel.
//  5. The names then match when they have the same words in the same order, where
//       - a single letter stands for any word starting with it in a middle position (neither the
//         first nor the last word): "Siti R. Wahyuni" is "Siti Rahayu Wahyuni";
//       - a single "M" stands for Muhammad in any position: "M. Yusuf" is "Muhammad Yusuf";
//     or when the words written together are the same letters: "Nurhayati" is "Nur Hayati",
//     "Abd Rahman" is "Abdulrahman".
// Anything else is a different name: a missing or extra word ("Siti Rahayu Wahyuni" against
// "Siti Wahyuni"), a different order, a shortened first or last word ("S. Rahayu", "Siti R."),
// another spelling ("Soekarno" against "Sukarno"), or a name with no words left. A different
// name is not refused: the member confirms it, and payouts to the account are checked by staff.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lumbung::profile {

// The words of a name as compared (steps 1 to 4 above): "Ir. H. Moh. Budi Santoso, S.T., M.M."
// -> {"muhammad", "budi", "santoso"}.
std::vector<std::string> ComparableNameWords(std::string_view name);

// True when `holder_name` (as typed for the bank account) is `registry_name` (the member's name
// in the registry) by the rules above.
bool IsSameHolderName(std::string_view registry_name, std::string_view holder_name);

}  // namespace lumbung::profile
