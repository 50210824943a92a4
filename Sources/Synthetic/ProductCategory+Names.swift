// MARK: - Product names

extension ProductCategory {
  /// Product nouns with a typical pack size.
  var products: [String] {
    switch self {
    case .dairy:
      [
        "Whole Milk 1 l", "Semi-Skimmed Milk 1 l", "Greek Yogurt 500 g", "Butter 250 g",
        "Cheddar 200 g", "Cream Cheese 150 g", "Skyr 450 g", "Mozzarella 125 g", "Eggs 10 pcs",
      ]
    case .bakery:
      [
        "Sourdough Loaf 750 g", "Baguette", "Croissants 4 pcs", "Rye Bread 500 g",
        "Cinnamon Rolls 6 pcs", "Toast Bread 500 g", "Bagels 5 pcs",
      ]
    case .produce:
      [
        "Bananas 1 kg", "Apples 1.5 kg", "Cherry Tomatoes 250 g", "Cucumber", "Carrots 1 kg",
        "Avocados 2 pcs", "Strawberries 400 g", "Iceberg Lettuce", "Onions 2 kg",
      ]
    case .meat:
      [
        "Chicken Breast 400 g", "Minced Beef 500 g", "Pork Chops 600 g", "Salmon Fillet 250 g",
        "Bratwurst 6 pcs", "Sliced Ham 150 g",
      ]
    case .beverages:
      [
        "Sparkling Water 1.5 l", "Orange Juice 1 l", "Cola 6 x 0.33 l", "Lager 6 x 0.5 l",
        "Ground Coffee 500 g", "Green Tea 20 bags", "Lemonade 1 l", "Red Wine 0.75 l",
      ]
    case .snacks:
      [
        "Potato Chips 150 g", "Milk Chocolate 100 g", "Salted Peanuts 200 g", "Pretzels 250 g",
        "Gummy Bears 200 g", "Oat Cookies 300 g", "Tortilla Chips 200 g",
      ]
    case .frozen:
      [
        "Pizza Margherita 350 g", "Vanilla Ice Cream 1 l", "Garden Peas 750 g",
        "Fish Fingers 15 pcs",
        "French Fries 1 kg", "Mixed Berries 500 g",
      ]
    case .pantry:
      [
        "Spaghetti 500 g", "Basmati Rice 1 kg", "Chopped Tomatoes 400 g", "Olive Oil 0.5 l",
        "Wheat Flour 1 kg", "Sugar 1 kg", "Peanut Butter 350 g", "Corn Flakes 375 g",
      ]
    case .household:
      [
        "Paper Towels 4 rolls", "Toilet Paper 8 rolls", "Dish Soap 500 ml",
        "Laundry Detergent 1.5 l",
        "Trash Bags 20 pcs", "Sponges 5 pcs", "Aluminium Foil 30 m",
      ]
    case .personalCare:
      [
        "Toothpaste 75 ml", "Shampoo 300 ml", "Shower Gel 250 ml", "Deodorant 150 ml",
        "Hand Soap 300 ml", "Cotton Pads 80 pcs", "Razor Blades 4 pcs",
      ]
    }
  }

  /// Brands shared by all categories.
  static let brands = [
    "Alpenhof", "Bright Day", "Cornerstone", "Dalby", "Evergreen", "Fairfield", "Golden Acre",
    "Harbor", "Lindqvist", "Meadow", "Northgate", "Oakridge", "Sunny Side", "Vale",
  ]

  /// Variants, some written the way real master data writes them: with commas or quotes.
  static let variants = [
    "", "", "", "", "Organic", "Value", "Family Pack", "Light", "Classic, Original Recipe",
    "\"Extra\" Edition", "Low Fat, Lactose Free", "Kids' Choice", "2 for 1, \"Summer\" Offer",
  ]

  /// A SKU name for the category: brand, product and variant picked by `source`.
  func skuName(using source: inout RandomSource) -> String {
    let brand = ProductCategory.brands[source.index(below: ProductCategory.brands.count)]
    let product = products[source.index(below: products.count)]
    let variant = ProductCategory.variants[source.index(below: ProductCategory.variants.count)]
    return variant.isEmpty ? "\(brand) \(product)" : "\(brand) \(product), \(variant)"
  }
}
