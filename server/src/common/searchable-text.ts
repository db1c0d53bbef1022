/** Lower case without diacritics: what a user types when searching ("thanh hoa" for "Thanh Hóa"). */
export function searchable(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
